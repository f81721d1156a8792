using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Synthesis.Tests.Support;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Synthesis.Tests;

/// <summary>Batching, admission control, fallbacks when upstreams are down, other model kinds, and the metrics.</summary>
[Collection(SynthesisFleetGroup.Name)]
public sealed class ServingTests(SynthesisFleet fleet)
{
    private static readonly string[] Texts =
    [
        "The first train leaves at seven.",
        "Bring a coat, it will be cold tonight.",
        "We can buy some bread on the way home.",
        "Call me as soon as you arrive.",
        "The garden is full of red roses this year.",
        "She read the letter twice before she slept.",
    ];

    [Fact]
    public async Task Synthesize_ConcurrentRequestsBatched_SameAudioAsOneByOne()
    {
        await using var batched = await fleet.StartSynthesisAsync("--Synthesis:Serving:MaxBatchSize=8", "--Synthesis:Serving:MaxBatchDelayMilliseconds=50");
        await using var single = await fleet.StartSynthesisAsync("--Synthesis:Serving:MaxBatchSize=1");
        var requests = Texts.Select((t, i) => new SynthesizeRequest { Text = t, Seed = (ulong)i, Format = AudioFormat.Float32 }).ToList();

        var together = await Task.WhenAll(requests.Select(r => new SynthesisClient(batched.Channel).SynthesizeAsync(r).ResponseAsync));
        var alone = new List<SynthesizeResponse>();
        foreach (var request in requests)
        {
            alone.Add(await new SynthesisClient(single.Channel).SynthesizeAsync(request));
        }

        for (var i = 0; i < requests.Count; i++)
        {
            var a = Wav.Float32(together[i].Audio.Data.Span);
            var b = Wav.Float32(alone[i].Audio.Data.Span);
            Assert.Equal(b.Length, a.Length);
            Assert.True(a.Zip(b).Max(p => Math.Abs(p.First - p.Second)) < 1e-4, $"request {i} differs");
        }

        var metrics = await ScrapeAsync(batched);
        var runs = Sample(metrics, "voicefleet_synthesis_batch_size_count");
        var sentences = Sample(metrics, "voicefleet_synthesis_batch_size_sum");
        Assert.True(sentences / runs > 1.5, $"{sentences} sentences in {runs} runs: nothing was batched");
    }

    [Fact]
    public async Task Synthesize_ManyRequestsCancelledOrExpiredInTheQueue_LaterRequestsStillServed()
    {
        await using var service = await fleet.StartSynthesisAsync("--Synthesis:Serving:MaxBatchSize=4", "--Synthesis:Serving:MaxBatchDelayMilliseconds=1");
        var client = new SynthesisClient(service.Channel);
        var text = string.Join(" ", Texts);

        // Deadlines from 5 to 200 ms: requests expire while queued, while batched and while running.
        var doomed = Enumerable.Range(0, 60).Select(async i =>
        {
            try
            {
                await client.SynthesizeAsync(new SynthesizeRequest { Text = text, Seed = (ulong)i }, new CallOptions(Deadline: DateTime.UtcNow.AddMilliseconds(5 + (i % 20) * 10)));
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.DeadlineExceeded or StatusCode.Cancelled)
            {
            }
        });
        await Task.WhenAll(doomed);

        var after = await client.SynthesizeAsync(new SynthesizeRequest { Text = Texts[0] }, new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(20)));
        Assert.True(after.AudioSeconds > 0.5);
    }

    [Fact]
    public async Task Synthesize_BeyondConcurrencyAndQueue_ResourceExhaustedWithRetryHint()
    {
        await using var small = await fleet.StartSynthesisAsync("--Synthesis:Serving:MaxConcurrency=1", "--Synthesis:Serving:MaxQueue=0", "--Synthesis:Serving:RetryAfter=00:00:02");
        var client = new SynthesisClient(small.Channel);
        var text = string.Join(" ", Texts);

        var calls = Enumerable.Range(0, 6).Select(_ => client.SynthesizeAsync(new SynthesizeRequest { Text = text })).ToList();
        var outcomes = new List<RpcException?>();
        foreach (var call in calls)
        {
            try
            {
                await call.ResponseAsync;
                outcomes.Add(null);
            }
            catch (RpcException ex)
            {
                outcomes.Add(ex);
            }
            finally
            {
                call.Dispose();
            }
        }

        Assert.Contains(outcomes, o => o is null);
        var refused = outcomes.Where(o => o is not null).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, e =>
        {
            Assert.Equal(StatusCode.ResourceExhausted, e!.StatusCode);
            Assert.Equal("2000", e.Trailers.GetValue("retry-after-ms"));
        });
    }

    [Fact]
    public async Task Synthesize_EncodersDown_ReferenceFallsBackToDefaultVoiceUnlessStrict()
    {
        await using var orphan = await fleet.StartSynthesisAsync($"--Synthesis:EncodersUrl=http://127.0.0.1:{FreePorts.Any()}");
        var client = new SynthesisClient(orphan.Channel);
        var clip = await fleet.Client.SynthesizeAsync(new SynthesizeRequest { Text = "A reference clip of my voice.", Seed = 1 });
        var request = new SynthesizeRequest
        {
            Text = "Hello from the default voice.",
            Voice = new VoiceSpec { Reference = new ReferenceVoice { Audio = clip.Audio } },
            Emotion = new EmotionSpec { Label = "happy" },
        };

        var response = await client.SynthesizeAsync(request);
        Assert.Contains(response.Info.Warnings, w => w.Code == "SPEAKER_FALLBACK_DEFAULT");
        Assert.Contains(response.Info.Warnings, w => w.Code == "EMOTION_FALLBACK_NEUTRAL");

        var strict = await Assert.ThrowsAsync<RpcException>(() => client.SynthesizeAsync(new SynthesizeRequest(request) { Strict = true }).ResponseAsync);
        Assert.True(strict.StatusCode == StatusCode.Unavailable, strict.Status.ToString());
    }

    [Fact]
    public async Task Synthesize_FrontendDown_Unavailable()
    {
        await using var orphan = await fleet.StartSynthesisAsync($"--Synthesis:FrontendUrl=http://127.0.0.1:{FreePorts.Any()}");

        var error = await Assert.ThrowsAsync<RpcException>(() => new SynthesisClient(orphan.Channel).SynthesizeAsync(new SynthesizeRequest { Text = "Hello." }).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task Synthesize_NoModelStore_FailedPreconditionNamingTheSetting()
    {
        await using var bare = await RunningService.StartAsync(SynthesisApp.Build);

        var error = await Assert.ThrowsAsync<RpcException>(() => new SynthesisClient(bare.Channel).SynthesizeAsync(new SynthesizeRequest { Text = "Hello." }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("Synthesis:ModelStoreRoot", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("forge-voice-two-stage", true)]
    [InlineData("forge-piper", false)]
    public async Task Synthesize_OtherModelKinds_ServeSpeech(string model, bool batchable)
    {
        await using var service = await fleet.StartSynthesisAsync($"--Synthesis:Model={model}", "--Synthesis:ModelVersion=v23", "--Synthesis:Slot=green");
        var client = new SynthesisClient(service.Channel);

        var response = await client.SynthesizeAsync(new SynthesizeRequest { Text = Texts[0] + " " + Texts[1], Seed = 1, Voice = new VoiceSpec { PresetSpeaker = "ben" } });
        var versions = await client.ListModelVersionsAsync(new ListModelVersionsRequest());

        Assert.Equal("v23", response.Info.ModelVersion);
        Assert.Equal(Slot.Green, response.Info.Slot);
        Assert.InRange(response.AudioSeconds, 1, 10);
        Assert.Equal(batchable, versions.Versions.Single(v => v.Version == "v23").Batchable);
        var detected = await client.DetectWatermarkAsync(new DetectWatermarkRequest { Audio = response.Audio });
        Assert.True(detected.Detected);
    }

    [Fact]
    public async Task Synthesize_PiperWithEmotion_WarnsThatTheModelTakesNone()
    {
        await using var service = await fleet.StartSynthesisAsync("--Synthesis:Model=forge-piper", "--Synthesis:ModelVersion=v21");

        var response = await new SynthesisClient(service.Channel).SynthesizeAsync(new SynthesizeRequest { Text = Texts[2], Emotion = new EmotionSpec { Label = "sad" } });

        Assert.Contains(response.Info.Warnings, w => w.Code == "EMOTION_UNSUPPORTED");
    }

    [Fact]
    public async Task Metrics_AfterRequests_PerVersionAndTrackFamiliesPassPromtool()
    {
        await using var service = await fleet.StartSynthesisAsync("--Synthesis:ModelVersion=v23", "--Synthesis:Slot=green");
        var client = new SynthesisClient(service.Channel);
        var canary = await client.SynthesizeAsync(new SynthesizeRequest { Text = Texts[3] }, new Metadata().Add("x-voicefleet-track", "canary"));
        await Assert.ThrowsAsync<RpcException>(() => client.SynthesizeAsync(new SynthesizeRequest { Text = "" }).ResponseAsync);
        using (var stream = client.SynthesizeStream(new SynthesizeRequest { Text = Texts[4] }))
        {
            await foreach (var message in stream.ResponseStream.ReadAllAsync())
            {
                _ = message;
            }
        }

        var text = await ScrapeAsync(service);

        Assert.Equal(Track.Canary, canary.Info.Track);
        Assert.Contains("voicefleet_synthesis_requests_total{grpc_code=\"OK\",model_version=\"v23\",service=\"synthesis\",track=\"canary\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("voicefleet_synthesis_requests_total{grpc_code=\"INVALID_ARGUMENT\",model_version=\"v23\",service=\"synthesis\",track=\"direct\"} 1", text, StringComparison.Ordinal);
        foreach (var family in new[]
        {
            "voicefleet_synthesis_real_time_factor_bucket", "voicefleet_synthesis_quality_loudness_lufs_bucket", "voicefleet_synthesis_quality_silence_ratio_bucket",
            "voicefleet_synthesis_quality_clipping_ratio_bucket", "voicefleet_synthesis_quality_non_finite_samples_total", "voicefleet_synthesis_stage_duration_seconds_bucket",
            "voicefleet_synthesis_onnx_run_duration_seconds_bucket", "voicefleet_synthesis_audio_seconds_total", "voicefleet_synthesis_in_flight", "voicefleet_synthesis_queue_depth",
            "voicefleet_synthesis_first_audio_seconds_bucket",
        })
        {
            Assert.Contains(family, text, StringComparison.Ordinal);
        }

        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, text);
            var (exit, output) = await Promtool.CheckMetricsAsync(file, CancellationToken.None);
            Assert.True(exit == 0 && output.Length == 0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> ScrapeAsync(RunningService service)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(service.HttpAddress, "/metrics"));
    }

    private static double Sample(string exposition, string name) => exposition.Split('\n')
        .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal))
        .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
}
