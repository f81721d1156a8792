using System.CommandLine;
using System.Globalization;
using VoiceFleet.Cli.Demo;
using VoiceFleet.Cli.Fleet;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ModelForge;
using VoiceFleet.Rpc;

namespace VoiceFleet.Cli.Commands;

/// <summary>
/// <c>voicefleet demo</c>: the whole fleet on loopback, synthetic users, a healthy release to 100 %, then a faulty
/// version rolled back on its own, and a summary (docs/cli.md).
/// </summary>
internal static class DemoCommand
{
    private static readonly string[] FaultyVersions = ["v-noisy", "v-slow", "v-drift"];

    public static Command Create(TextWriter output, TextWriter error)
    {
        var portBase = new Option<int>("--port-base") { Description = "First loopback port of the fleet; it uses base+0 to base+51.", DefaultValueFactory = _ => 7000 };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object on standard output (the live progress goes to standard error)." };
        var quick = new Option<bool>("--quick") { Description = "Shorter: 3 s windows (longer when the machine serves too little traffic for them) and no golden-set regression before the healthy release." };
        var window = new Option<double?>("--window") { Description = "Observation window of every step, seconds, as given (default: 5, or 3 with --quick, each lengthened when the traffic served is too little for it)." };
        var faulty = new Option<string>("--faulty") { Description = "The faulty version of the second release: v-noisy (NaN/Inf and clipping), v-slow (real-time factor) or v-drift (timbre).", DefaultValueFactory = _ => "v-noisy" };
        var clients = new Option<int>("--clients") { Description = "Concurrent synthetic clients.", DefaultValueFactory = _ => 4 };
        var rate = new Option<double>("--rate") { Description = "At most this many requests a second in all (the local admin key allows 50).", DefaultValueFactory = _ => 30 };
        var keepRunning = new Option<bool>("--keep-running") { Description = "Keep the fleet up after the summary, to look around with 'voicefleet release' and the REST API, until Ctrl-C." };
        var models = new Option<string?>("--models") { Description = "The model store (default: .artifacts/models of this checkout); the generated test models are forged into it when missing." };
        var data = new Option<string?>("--data") { Description = "A new directory for this run's data (default: .artifacts/demo/<time> of this checkout)." };
        var servicesDir = new Option<string?>("--services-dir") { Description = "Where the built services are (default: beside this tool in .artifacts/bin)." };

        var command = new Command("demo", "Run the fleet on 127.0.0.1 with synthetic users, release v23 step by step to 100 %, then watch a faulty version roll back on its own; about 2–3 minutes.")
        {
            portBase, json, quick, window, faulty, clients, rate, keepRunning, models, data, servicesDir,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var progress = parse.GetValue(json) ? error : output;
            DemoSettings settings;
            try
            {
                var defaults = FleetStorage.Default();
                var dataDirectory = parse.GetValue(data) is { Length: > 0 } given
                    ? Path.GetFullPath(given)
                    : Path.Join(Path.GetDirectoryName(defaults.DataDirectory), "demo", DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
                if (File.Exists(Path.Join(dataDirectory, "release-controller.db")))
                {
                    throw new ArgumentException($"--data {dataDirectory} holds an earlier fleet's releases; give the demo a new directory.");
                }

                var faultyVersion = parse.GetValue(faulty)!;
                if (!FaultyVersions.Contains(faultyVersion))
                {
                    throw new ArgumentException($"--faulty '{faultyVersion}': use {string.Join(", ", FaultyVersions)}.");
                }

                var isQuick = parse.GetValue(quick);
                var seconds = parse.GetValue(window) ?? (isQuick ? 3 : 5);
                if (seconds is < 1 or > 600)
                {
                    throw new ArgumentException("--window must be 1–600 seconds.");
                }

                if (parse.GetValue(clients) is < 1 or > 64 || parse.GetValue(rate) is <= 0 or > 1000)
                {
                    throw new ArgumentException("--clients must be 1–64 and --rate over 0 and at most 1000.");
                }

                var storage = new FleetStorage(Path.GetFullPath(parse.GetValue(models) ?? defaults.ModelsDirectory), dataDirectory);
                _ = FleetPlan.Create("blue=v21,green=v23", null, parse.GetValue(portBase), storage);
                settings = new DemoSettings(
                    parse.GetValue(portBase), storage, ServiceBinaries.Discover(parse.GetValue(servicesDir)), TimeSpan.FromSeconds(seconds),
                    PreRollout: !isQuick, parse.GetValue(clients), parse.GetValue(rate), faultyVersion, parse.GetValue(keepRunning))
                {
                    FitWindow = parse.GetValue(window) is null,
                };
            }
            catch (ArgumentException ex)
            {
                await error.WriteLineAsync($"voicefleet demo: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            try
            {
                Directory.CreateDirectory(settings.Storage.DataDirectory);
                var written = new Forge().Run(settings.Storage.ModelsDirectory, cancellationToken: cancellationToken).Count(b => b.Written);
                if (written > 0)
                {
                    await progress.WriteLineAsync($"voicefleet demo: forged {written} test model bundles into {settings.Storage.ModelsDirectory}").ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException)
            {
                await error.WriteLineAsync($"voicefleet demo: cannot prepare {settings.Storage.ModelsDirectory} or {settings.Storage.DataDirectory}: {ex.Message}").ConfigureAwait(false);
                return 1;
            }

            using var shutdown = ShutdownSignal.Register(cancellationToken);
            var interactive = ReferenceEquals(progress, Console.Out) ? !Console.IsOutputRedirected : ReferenceEquals(progress, Console.Error) && !Console.IsErrorRedirected;
            var console = new DemoConsole(progress, interactive, TimeProvider.System);
            var logPath = Path.Join(settings.Storage.DataDirectory, "fleet.log");
            await using var logFile = new StreamWriter(logPath, append: true) { AutoFlush = true };
            using var serviceLog = TextWriter.Synchronized(logFile);
            console.Line($"voicefleet demo · data {settings.Storage.DataDirectory} · service logs {logPath}");
            DemoSummary? summary;
            try
            {
                summary = await new DemoRunner(settings, console, serviceLog, TimeProvider.System).RunAsync(shutdown.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (shutdown.Token.IsCancellationRequested && ex is OperationCanceledException or RpcException)
            {
                console.ClearStatus();
                console.Line("interrupted; every process the demo started is stopped.");
                return 130;
            }
            catch (FileNotFoundException ex)
            {
                await error.WriteLineAsync($"voicefleet demo: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
            catch (Exception ex) when (ex is RpcException or TimeoutException)
            {
                console.ClearStatus();
                await error.WriteLineAsync($"voicefleet demo: {ex.Message} (service logs: {logPath})").ConfigureAwait(false);
                return 1;
            }

            if (summary is null)
            {
                await error.WriteLineAsync($"voicefleet demo: the fleet did not start (service logs: {logPath})").ConfigureAwait(false);
                return shutdown.Token.IsCancellationRequested ? 130 : 1;
            }

            if (shutdown.Token.IsCancellationRequested)
            {
                return 130;
            }

            foreach (var line in summary.Lines())
            {
                console.Raw(line);
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(summary.ToJson()).ConfigureAwait(false);
            }

            var ok = summary.Releases.Count == 2
                && summary.Releases[0].Release.Phase == ReleasePhase.Promoted
                && summary.Releases[1].Release.Phase == ReleasePhase.RolledBack
                && summary.Releases[1].FailedGate != GateKind.Unspecified
                && summary.OtherFailures == 0;
            return ok ? 0 : 1;
        });
        return command;
    }
}
