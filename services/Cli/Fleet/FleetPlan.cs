using System.Globalization;

namespace VoiceFleet.Cli.Fleet;

/// <summary>
/// The local fleet: gateway, frontend, encoders, one synthesis process per slot and the release
/// controller, on consecutive loopback ports from a base port.
/// </summary>
internal sealed class FleetPlan
{
    /// <summary>The slots a release moves traffic between.</summary>
    public static readonly string[] SlotNames = ["blue", "green"];

    private FleetPlan(IReadOnlyList<FleetMember> members, IReadOnlyDictionary<string, string> slots, string? canary)
    {
        Members = members;
        Slots = slots;
        Canary = canary;
    }

    public IReadOnlyList<FleetMember> Members { get; }

    /// <summary>Model version per slot.</summary>
    public IReadOnlyDictionary<string, string> Slots { get; }

    /// <summary>The slot that starts as canary, or null.</summary>
    public string? Canary { get; }

    public FleetMember Gateway => Members[0];

    /// <summary>
    /// The order to stop in: the gateway first so no new traffic arrives, then the release controller,
    /// then synthesis, then what synthesis depends on (frontend, encoders) once nothing calls it.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<FleetMember>> StopOrder =>
    [
        [Gateway],
        [.. Members.Where(m => m.Name == "release-controller")],
        [.. Members.Where(m => m.Project == "VoiceFleet.Synthesis")],
        [.. Members.Where(m => m.Name is "frontend" or "encoders")],
    ];

    /// <summary>
    /// Builds the plan. Ports: gateway base+0/+1, frontend +10/+11, encoders +20/+21,
    /// synthesis-blue +30/+31, synthesis-green +40/+41, release-controller +50/+51.
    /// </summary>
    /// <param name="slotsSpec">Model version per slot, e.g. <c>blue=v21,green=v23</c>.</param>
    /// <param name="canary">The slot that starts as canary, or null.</param>
    /// <param name="portBase">The first loopback port.</param>
    /// <param name="storage">Where the fleet's models and data live; none leaves the services' own defaults.</param>
    public static FleetPlan Create(string slotsSpec, string? canary, int portBase, FleetStorage? storage = null)
    {
        if (portBase is < 1024 or > 65535 - 60)
        {
            throw new ArgumentException($"--port-base {portBase} is out of range: use 1024–{65535 - 60} (the fleet uses ports base+0 to base+51).");
        }

        var slots = ParseSlots(slotsSpec);
        if (canary is not null && !slots.ContainsKey(canary))
        {
            throw new ArgumentException($"--canary '{canary}' names no slot; slots are: {string.Join(", ", slots.Keys)}.");
        }

        if (canary is not null && slots.Count < 2)
        {
            throw new ArgumentException($"--canary '{canary}' needs another slot to stay stable; name both slots in --slots, e.g. blue=v21,green=v23.");
        }

        var members = new List<FleetMember>
        {
            new("gateway", "VoiceFleet.Gateway", portBase, portBase + 1, GatewaySettings(portBase, storage)),
            new("frontend", "VoiceFleet.Frontend", portBase + 10, portBase + 11, storage is null ? new Dictionary<string, string>() : new Dictionary<string, string>
            {
                ["Frontend:ModelStoreRoot"] = storage.ModelsDirectory,
            }),
            new("encoders", "VoiceFleet.Encoders", portBase + 20, portBase + 21, storage is null ? new Dictionary<string, string>() : new Dictionary<string, string>
            {
                ["Encoders:ModelStoreRoot"] = storage.ModelsDirectory,
                ["Encoders:Storage:SqlitePath"] = Path.Join(storage.DataDirectory, "encoders.db"),
            }),
        };

        foreach (var (slot, version) in slots)
        {
            var offset = 30 + (10 * Array.IndexOf(SlotNames, slot));
            var settings = new Dictionary<string, string>
            {
                ["Synthesis:Slot"] = slot,
                ["Synthesis:ModelVersion"] = version,
                ["Synthesis:FrontendUrl"] = Loopback(portBase + 10),
                ["Synthesis:EncodersUrl"] = Loopback(portBase + 20),
            };
            if (storage is not null)
            {
                settings["Synthesis:ModelStoreRoot"] = storage.ModelsDirectory;
            }

            members.Add(new FleetMember($"synthesis-{slot}", "VoiceFleet.Synthesis", portBase + offset, portBase + offset + 1, settings));
        }

        members.Add(new FleetMember("release-controller", "VoiceFleet.ReleaseController", portBase + 50, portBase + 51, ControllerSettings(portBase, slots, canary, storage)));
        return new FleetPlan(members, slots, canary);
    }

    // The gateway proxies every service of this fleet and follows this fleet's controller.
    private static Dictionary<string, string> GatewaySettings(int portBase, FleetStorage? storage)
    {
        var settings = new Dictionary<string, string>
        {
            ["Gateway:Backends:Frontend"] = Loopback(portBase + 10),
            ["Gateway:Backends:Encoders"] = Loopback(portBase + 20),
            ["Gateway:Backends:ReleaseController"] = Loopback(portBase + 50),
            ["Gateway:Slots:Blue"] = Loopback(portBase + 30),
            ["Gateway:Slots:Green"] = Loopback(portBase + 40),
        };
        if (storage is not null)
        {
            settings["Gateway:Routing:StatePath"] = Path.Join(storage.DataDirectory, "gateway", "routing.json");
            settings["Gateway:Auth:KeysFile"] = Path.Join(storage.DataDirectory, "gateway", "keys.json");
        }

        return settings;
    }

    // The controller drives both slots of this fleet, reads the gateway's and the slots' metrics and keeps its
    // history beside the other services' data.
    private static Dictionary<string, string> ControllerSettings(int portBase, IReadOnlyDictionary<string, string> slots, string? canary, FleetStorage? storage)
    {
        var stable = canary is null ? slots.Keys.First() : slots.Keys.First(s => s != canary);
        var settings = new Dictionary<string, string>
        {
            ["ReleaseController:Slots:Blue:GrpcUrl"] = Loopback(portBase + 30),
            ["ReleaseController:Slots:Green:GrpcUrl"] = Loopback(portBase + 40),
            ["ReleaseController:InitialStableSlot"] = stable,
            ["ReleaseController:Analysis:GatewayTargets:0"] = Loopback(portBase + 1) + "/metrics",
            ["ReleaseController:Analysis:SynthesisTargets:0"] = Loopback(portBase + 31) + "/metrics",
            ["ReleaseController:Analysis:SynthesisTargets:1"] = Loopback(portBase + 41) + "/metrics",
            ["ReleaseController:Shadow:EncodersUrl"] = Loopback(portBase + 20),
        };
        if (storage is not null)
        {
            settings["ReleaseController:Storage:SqlitePath"] = Path.Join(storage.DataDirectory, "release-controller.db");
            settings["ReleaseController:Regression:ArtifactsDirectory"] = Path.Join(storage.DataDirectory, "evaluations");
        }

        return settings;
    }

    private static string Loopback(int port) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");

    /// <summary>Parses <c>blue=v21,green=v23</c>.</summary>
    public static IReadOnlyDictionary<string, string> ParseSlots(string spec)
    {
        var slots = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pieces.Length != 2 || pieces[1].Length == 0)
            {
                throw new ArgumentException($"--slots entry '{part}' must look like slot=version, e.g. blue=v21.");
            }

            if (!SlotNames.Contains(pieces[0]))
            {
                throw new ArgumentException($"--slots names unknown slot '{pieces[0]}'; slots are {string.Join(" and ", SlotNames)}.");
            }

            if (!slots.TryAdd(pieces[0], pieces[1]))
            {
                throw new ArgumentException($"--slots names slot '{pieces[0]}' twice.");
            }
        }

        if (slots.Count == 0)
        {
            throw new ArgumentException("--slots must name at least one slot, e.g. blue=v21.");
        }

        return slots;
    }

    public override string ToString() => string.Join(", ", Members.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name}={m.GrpcPort}")));
}
