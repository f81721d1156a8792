using System.Diagnostics;
using Grpc.Health.V1;
using VoiceFleet.ModelForge;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Cli.Tests.Encoders;

/// <summary>
/// The built Encoders service (beside the CLI in .artifacts/bin) as its own process on free loopback
/// ports, over a freshly forged model store and a temporary SQLite file; stopped and cleaned up on dispose.
/// </summary>
public sealed class EncodersProcess : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("voicefleet-cli-encoders-").FullName;
    private Process? _process;

    /// <summary>The gRPC address for <c>--encoders</c>.</summary>
    public string Address { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var store = Path.Join(_directory, "models");
        new Forge().Run(store);
        var dll = Path.GetFullPath(Path.Join(AppContext.BaseDirectory, "..", "..", "VoiceFleet.Encoders", new DirectoryInfo(AppContext.BaseDirectory).Name, "VoiceFleet.Encoders.dll"));
        Assert.True(File.Exists(dll), $"the Encoders service is not built at {dll}");
        var (grpc, http) = (FreePorts.Any(), FreePorts.Any());
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["VOICEFLEET__Service__GrpcPort"] = grpc.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["VOICEFLEET__Service__HttpPort"] = http.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["VOICEFLEET__Service__ParentProcessId"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["VOICEFLEET__Encoders__ModelStoreRoot"] = store;
        start.Environment["VOICEFLEET__Encoders__Storage__SqlitePath"] = Path.Join(_directory, "encoders.db");
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Address = $"http://127.0.0.1:{grpc}";

        using var channel = GrpcChannel.ForAddress(new Uri(Address));
        var health = new HealthClient(channel);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                var status = await health.CheckAsync(new HealthCheckRequest(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(2))).ResponseAsync;
                if (status.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (VoiceFleet.Rpc.RpcException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
            }

            Assert.False(_process.HasExited, $"the Encoders service exited with {(_process.HasExited ? _process.ExitCode : 0)}");
            Assert.True(DateTime.UtcNow < deadline, "the Encoders service did not become healthy in 90 s");
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
