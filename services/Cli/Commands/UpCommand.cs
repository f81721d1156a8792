using System.CommandLine;
using VoiceFleet.Cli.Fleet;
using VoiceFleet.ModelForge;

namespace VoiceFleet.Cli.Commands;

/// <summary><c>voicefleet up</c>: the local fleet on loopback, in the foreground.</summary>
internal static class UpCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var slots = new Option<string>("--slots") { Description = "Model version per synthesis slot.", DefaultValueFactory = _ => "blue=v21,green=v23" };
        var canary = new Option<string?>("--canary") { Description = "The slot that starts as canary (none by default: all traffic on stable)." };
        var portBase = new Option<int>("--port-base") { Description = "First loopback port of the fleet; it uses base+0 to base+51.", DefaultValueFactory = _ => 7000 };
        var servicesDir = new Option<string?>("--services-dir") { Description = "Where the built services are (default: beside this tool in .artifacts/bin)." };
        var startupTimeout = new Option<int>("--startup-timeout") { Description = "Seconds to wait for every service to be healthy.", DefaultValueFactory = _ => 90 };
        var json = new Option<bool>("--json") { Description = "Print the ready line as JSON." };
        var models = new Option<string?>("--models") { Description = "The model store (default: .artifacts/models of this checkout); the generated test models are forged into it when missing." };
        var data = new Option<string?>("--data") { Description = "Where services keep data between runs, e.g. enrolled voices (default: .artifacts/fleet of this checkout)." };

        var command = new Command("up", "Run the local fleet (gateway, frontend, encoders, synthesis slots, release controller) on 127.0.0.1 until Ctrl-C.")
        {
            slots, canary, portBase, servicesDir, startupTimeout, json, models, data,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            FleetPlan plan;
            ServiceBinaries binaries;
            FleetStorage storage;
            try
            {
                var defaults = FleetStorage.Default();
                storage = new FleetStorage(
                    Path.GetFullPath(parse.GetValue(models) ?? defaults.ModelsDirectory),
                    Path.GetFullPath(parse.GetValue(data) ?? defaults.DataDirectory));
                plan = FleetPlan.Create(parse.GetValue(slots)!, parse.GetValue(canary), parse.GetValue(portBase), storage);
                binaries = ServiceBinaries.Discover(parse.GetValue(servicesDir));
            }
            catch (ArgumentException ex)
            {
                await error.WriteLineAsync($"voicefleet up: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            try
            {
                // The generated models, on first start (quick: the encoders' calibration ships with the forge).
                Directory.CreateDirectory(storage.DataDirectory);
                var written = new Forge().Run(storage.ModelsDirectory, cancellationToken: cancellationToken).Count(b => b.Written);
                if (written > 0)
                {
                    await error.WriteLineAsync($"voicefleet up: forged {written} test model bundles into {storage.ModelsDirectory}").ConfigureAwait(false);
                }

                // The local admin key, so the CLI on this machine can use the fleet's gateway without asking.
                await KeysCommand.EnsureLocalAdminKeyAsync(storage.DataDirectory, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException)
            {
                await error.WriteLineAsync($"voicefleet up: cannot prepare the model store {storage.ModelsDirectory}: {ex.Message}").ConfigureAwait(false);
                return 1;
            }

            using var shutdown = ShutdownSignal.Register(cancellationToken);
            try
            {
                var runner = new FleetRunner(plan, binaries, output, error, TimeProvider.System);
                return await runner.RunAsync(TimeSpan.FromSeconds(parse.GetValue(startupTimeout)), parse.GetValue(json), shutdown.Token).ConfigureAwait(false);
            }
            catch (FileNotFoundException ex)
            {
                await error.WriteLineAsync($"voicefleet up: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }
}
