using System.Diagnostics;
using Grpc.Health.V1;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Fleet.Tests;

/// <summary>
/// <c>voicefleet up</c> as users run it: the built CLI starts every built service as its own
/// process, prints the ready line once all are healthy, and stops them all on SIGINT.
/// </summary>
public sealed class UpCommandFleetTests
{
    private static readonly int[] ServiceOffsets = [0, 10, 20, 30, 40, 50];
    private static readonly int[] AllOffsets = [0, 1, 10, 11, 20, 21, 30, 31, 40, 41, 50, 51];

    [Fact]
    public async Task Up_DefaultSlots_ReadyLineThenEveryServiceServingAndSpeakingThenCleanStopOnSigint()
    {
        var portBase = FreePorts.FindBase(AllOffsets);
        using var cli = CliProcess.Start("up", "--port-base", portBase.ToString(System.Globalization.CultureInfo.InvariantCulture), "--canary", "green");
        var stderr = new System.Text.StringBuilder();
        cli.ErrorDataReceived += (_, e) => { lock (stderr) { stderr.AppendLine(e.Data); } };
        cli.BeginErrorReadLine();

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            var ready = await cli.StandardOutput.ReadLineAsync(timeout.Token);

            Assert.True(ready is not null, $"voicefleet up ended without a ready line. stderr:\n{Snapshot(stderr)}");
            Assert.Equal($"ready gateway=http://127.0.0.1:{portBase + 1} grpc=127.0.0.1:{portBase}", ready);
            foreach (var offset in ServiceOffsets)
            {
                using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{portBase + offset}");
                var health = await new HealthClient(channel).CheckAsync(new HealthCheckRequest());
                Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
            }

            // Each slot speaks its own version through its frontend and encoders.
            foreach (var (offset, version) in new[] { (30, "v21"), (40, "v23") })
            {
                using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{portBase + offset}");
                var speech = await new SynthesisClient(channel).SynthesizeAsync(new SynthesizeRequest { Text = "Hello from the local fleet.", Emotion = new EmotionSpec { Label = "happy" } });
                Assert.Equal(version, speech.Info.ModelVersion);
                Assert.InRange(speech.AudioSeconds, 0.5, 10);
                Assert.Empty(speech.Info.Warnings);
            }

            // A newcomer's first `voicefleet say` goes through the gateway with the local admin key `up` created.
            var wav = Path.Join(Path.GetTempPath(), $"voicefleet-up-say-{Guid.NewGuid():N}.wav");
            try
            {
                var (exit, sayOutput, sayErrors) = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "say", "Hello through the gateway.", "-o", wav, "--gateway", $"http://127.0.0.1:{portBase}");
                Assert.True(exit == 0, $"say exited {exit}: {sayOutput} {sayErrors}");
                Assert.Equal("RIFF"u8.ToArray(), (await File.ReadAllBytesAsync(wav))[..4]);
            }
            finally
            {
                File.Delete(wav);
            }

            Assert.True(ProcessSignals.Send(cli.Id, ProcessSignals.Interrupt));
            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
            await cli.WaitForExitAsync(stopTimeout.Token);

            Assert.Equal(0, cli.ExitCode);
            Assert.All(AllOffsets, offset => Assert.True(FreePorts.IsFree(portBase + offset), $"port {portBase + offset} still in use after stop"));
        }
        finally
        {
            if (!cli.HasExited)
            {
                cli.Kill(entireProcessTree: true);
            }
        }
    }

    private static string Snapshot(System.Text.StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }

}
