using VoiceFleet.Cli.Fleet;

namespace VoiceFleet.Cli.Demo;

/// <summary>How the demo runs.</summary>
/// <param name="PortBase">The fleet's first loopback port.</param>
/// <param name="Storage">The model store and this run's data directory.</param>
/// <param name="Binaries">The built services.</param>
/// <param name="Window">Observation window of every step; the shortest one with <see cref="FitWindow"/>.</param>
/// <param name="PreRollout">Whether the healthy release runs the golden-set regression first.</param>
/// <param name="Clients">Concurrent synthetic clients.</param>
/// <param name="RequestsPerSecond">At most this many requests a second in all.</param>
/// <param name="FaultyVersion">The faulty version put on the idle slot for the second release.</param>
/// <param name="KeepRunning">Keep the fleet up after the summary until Ctrl-C.</param>
internal sealed record DemoSettings(
    int PortBase,
    FleetStorage Storage,
    ServiceBinaries Binaries,
    TimeSpan Window,
    bool PreRollout,
    int Clients,
    double RequestsPerSecond,
    string FaultyVersion,
    bool KeepRunning)
{
    public const string StableVersion = "v21";

    public const string CanaryVersion = "v23";

    /// <summary>How long the fleet may take to be healthy.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Lengthen <see cref="Window"/> when the traffic the machine serves would leave the first step's canary too few requests.</summary>
    public bool FitWindow { get; init; }

    /// <summary>Users the synthetic traffic is spread over.</summary>
    public int Users { get; init; } = 1000;
}
