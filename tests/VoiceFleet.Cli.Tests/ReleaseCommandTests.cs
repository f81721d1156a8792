using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Grpc.Health.V1;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Cli.Tests;

/// <summary><c>voicefleet release ...</c> against the built release controller, run as its own process with declared slots.</summary>
public sealed class ReleaseCommandTests(ReleaseCommandTests.ControllerProcess controller) : IClassFixture<ReleaseCommandTests.ControllerProcess>
{
    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--controller", controller.Address], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Release_StartPauseResumeAbortHistoryWatch_RoundTrip()
    {
        var started = await RunAsync("release", "start", "v23", "--slot", "green", "--skip-pre-rollout", "--steps", "1,50,100", "--window", "1h", "--reason", "cli test", "--json");
        Assert.True(started.Exit == 0, started.Error);
        var release = JsonDocument.Parse(started.Output).RootElement.GetProperty("release");
        var id = release.GetProperty("releaseId").GetString()!;
        Assert.Equal("RELEASE_PHASE_PROGRESSING", release.GetProperty("phase").GetString());
        Assert.Equal(100, release.GetProperty("canaryWeightBps").GetInt32());

        var status = await RunAsync("release", "status");
        var paused = await RunAsync("release", "pause", "--reason", "lunch");
        var pausedAgain = await RunAsync("release", "pause");
        var resumed = await RunAsync("release", "resume", id);
        var aborted = await RunAsync("release", "abort", "--reason", "done testing");
        var watched = await RunAsync("release", "watch", id);
        var history = await RunAsync("release", "history");

        Assert.Contains($"release {id}: v23 on green (stable v21 on blue)", status.Output, StringComparison.Ordinal);
        Assert.Contains("phase progressing, canary weight 1 %, step 1 of 3", status.Output, StringComparison.Ordinal);
        Assert.Contains("routing revision", status.Output, StringComparison.Ordinal);
        Assert.Contains("phase paused", paused.Output, StringComparison.Ordinal);
        Assert.Contains("lunch", paused.Output, StringComparison.Ordinal);
        Assert.Equal(1, pausedAgain.Exit);
        Assert.Contains("FailedPrecondition", pausedAgain.Error, StringComparison.Ordinal);
        Assert.Contains("phase progressing", resumed.Output, StringComparison.Ordinal);
        Assert.Contains("phase aborted, canary weight 0 %", aborted.Output, StringComparison.Ordinal);
        Assert.Equal(3, watched.Exit);
        Assert.Contains("aborted", watched.Output, StringComparison.Ordinal);
        Assert.Equal(0, history.Exit);
        Assert.Contains(id, history.Output, StringComparison.Ordinal);
        Assert.Contains("done testing", history.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleaseStart_PreRolloutWebhookNobodyAnswers_RollsBackBeforeAnyTraffic()
    {
        var hook = $"http://127.0.0.1:{FreePorts.Any()}/release-gate";

        var started = await RunAsync("release", "start", "v23", "--slot", "green", "--skip-pre-rollout", "--steps", "100", "--window", "1h", "--pre-rollout-webhook", hook, "--json");
        Assert.True(started.Exit == 0, started.Error);
        var id = JsonDocument.Parse(started.Output).RootElement.GetProperty("release").GetProperty("releaseId").GetString()!;

        // Four attempts, 0.5 + 1 + 2 s apart, then the rollback.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        (int Exit, string Output, string Error) status;
        do
        {
            await Task.Delay(250);
            status = await RunAsync("release", "status", id);
        }
        while (!status.Output.Contains("phase rolled-back", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        Assert.True(status.Output.Contains("phase rolled-back, canary weight 0 %", StringComparison.Ordinal), status.Output);
        Assert.Contains($"pre-rollout webhook {hook} failed", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_Unreachable_ExitsOneWithAHint()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApp.RunAsync(["release", "status", "--controller", "http://127.0.0.1:9"], output, error);

        Assert.Equal(1, exit);
        Assert.Contains("voicefleet up", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The built release controller (beside the CLI in .artifacts/bin) on free loopback ports, slots declared in its configuration.</summary>
    public sealed class ControllerProcess : IAsyncLifetime
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("voicefleet-cli-release-").FullName;
        private Process? _process;

        public string Address { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            var dll = Path.GetFullPath(Path.Join(AppContext.BaseDirectory, "..", "..", "VoiceFleet.ReleaseController", new DirectoryInfo(AppContext.BaseDirectory).Name, "VoiceFleet.ReleaseController.dll"));
            Assert.True(File.Exists(dll), $"the release controller is not built at {dll}");
            var (grpc, http) = (FreePorts.Any(), FreePorts.Any());
            var start = new ProcessStartInfo("dotnet", [dll]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["VOICEFLEET__Service__GrpcPort"] = grpc.ToString(CultureInfo.InvariantCulture);
            start.Environment["VOICEFLEET__Service__HttpPort"] = http.ToString(CultureInfo.InvariantCulture);
            start.Environment["VOICEFLEET__Service__ParentProcessId"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            start.Environment["VOICEFLEET__ReleaseController__Storage__SqlitePath"] = Path.Join(_directory, "release-controller.db");
            start.Environment["VOICEFLEET__ReleaseController__Slots__Blue__ModelVersion"] = "v21";
            start.Environment["VOICEFLEET__ReleaseController__Slots__Green__ModelVersion"] = "v23";
            _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            Address = $"http://127.0.0.1:{grpc}";

            using var channel = GrpcChannel.ForAddress(new Uri(Address));
            var health = new HealthClient(channel);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                try
                {
                    if ((await health.CheckAsync(new HealthCheckRequest(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(2))).ResponseAsync).Status == HealthCheckResponse.Types.ServingStatus.Serving)
                    {
                        return;
                    }
                }
                catch (VoiceFleet.Rpc.RpcException) when (DateTime.UtcNow < deadline && !_process.HasExited)
                {
                }

                Assert.False(_process.HasExited, "the release controller exited");
                Assert.True(DateTime.UtcNow < deadline, "the release controller did not become healthy in 60 s");
                await Task.Delay(200);
            }
        }

        public async Task DisposeAsync()
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process?.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
