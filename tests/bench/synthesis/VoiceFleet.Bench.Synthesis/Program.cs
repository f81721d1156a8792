using System.Diagnostics;
using System.Globalization;
using VoiceFleet.Bench.Synthesis;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Encoders;
using VoiceFleet.Frontend;
using VoiceFleet.ModelForge;
using VoiceFleet.Onnx.Runtime;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Synthesis;

// Usage: VoiceFleet.Bench.Synthesis MODEL_STORE [SECONDS_PER_THROUGHPUT_RUN] [REQUESTS_PER_LATENCY_POINT]
var storeRoot = Path.GetFullPath(args.Length > 0 ? args[0] : ".artifacts/models");
var throughputSeconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var latencyRequests = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
var overheadOnly = Environment.GetEnvironmentVariable("BENCH_OVERHEAD_ONLY") == "1";
var output = Console.Out;

Console.Error.WriteLine($"bench: forging into {storeRoot} (kept if present)");
new Forge().Run(storeRoot);
var database = Path.Join(Path.GetTempPath(), $"voicefleet-bench-synthesis-{Guid.NewGuid():N}.db");
await using var frontend = await Host.StartAsync(FrontendApp.Build, $"--Frontend:ModelStoreRoot={storeRoot}");
await using var encoders = await Host.StartAsync(EncodersApp.Build, $"--Encoders:ModelStoreRoot={storeRoot}", $"--Encoders:Storage:SqlitePath={database}", "--Encoders:AuditSpeakerEmbeddings=false");
string[] Upstreams(params string[] more) =>
[
    $"--Synthesis:ModelStoreRoot={storeRoot}", $"--Synthesis:FrontendUrl={frontend.Grpc}", $"--Synthesis:EncodersUrl={encoders.Grpc}",
    "--Synthesis:Serving:MaxConcurrency=64", "--Synthesis:Serving:MaxQueue=256", .. more,
];
await using var batched = await Host.StartAsync(SynthesisApp.Build, Upstreams("--Synthesis:Serving:MaxBatchSize=8", "--Synthesis:Serving:MaxBatchDelayMilliseconds=4"));
await using var unbatched = await Host.StartAsync(SynthesisApp.Build, Upstreams("--Synthesis:Serving:MaxBatchSize=1"));
await using var twoStage = await Host.StartAsync(SynthesisApp.Build, Upstreams("--Synthesis:Model=forge-voice-two-stage"));
await using var piper = await Host.StartAsync(SynthesisApp.Build, Upstreams("--Synthesis:Model=forge-piper"));

// v-slow is v23's voice with its harmonic bank run several times over: the same audio at roughly the cost per audio
// second of a real neural voice on a CPU (Piper's published RTF is 0.03–0.08; the other forged voices run at ≈ 0.01).
await using var slow = await Host.StartAsync(SynthesisApp.Build, Upstreams("--Synthesis:ModelVersion=v-slow", "--Synthesis:Serving:MaxBatchSize=8", "--Synthesis:Serving:MaxBatchDelayMilliseconds=4"));
using var slowChannel = GrpcChannel.ForAddress(slow.Grpc);

using var batchedChannel = GrpcChannel.ForAddress(batched.Grpc);
using var unbatchedChannel = GrpcChannel.ForAddress(unbatched.Grpc);
var client = new SynthesisClient(batchedChannel);

string[] sentences =
[
    "The first train to the coast leaves at seven in the morning.",
    "Bring a warm coat, because it will be cold by the water.",
    "We can buy fresh bread and cheese at the market on the way.",
    "The museum opens at ten and closes late on Fridays.",
    "Call me as soon as you arrive, and I will meet you there.",
];
var one = sentences[0];
var three = string.Join(" ", sentences.Take(3));
var five = string.Join(" ", sentences);

// Warm every path (JIT, sessions, the frontend's caches).
foreach (var channel in new[] { batchedChannel, unbatchedChannel, slowChannel })
{
    for (var i = 0; i < 5; i++)
    {
        await new SynthesisClient(channel).SynthesizeAsync(new SynthesizeRequest { Text = five, Seed = (ulong)i });
    }
}

output.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores; .NET {Environment.Version}; ONNX Runtime {OnnxRuntimeEnvironment.Default.Version}");
output.WriteLine();

// 1. Platform overhead: end-to-end latency at the client against the model's own run time (stage timings).
output.WriteLine("### Platform overhead (concurrency 1, batching service)");
output.WriteLine();
output.WriteLine("| voice | request | audio s | end-to-end p50 ms | model run p50 ms | RTF of the model | overhead p50 | frontend ms | speaker+emotion ms | queue ms | watermark ms | quality + encode ms | rest in the service ms | call and transport ms |");
output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var (voice, voiceClient, name, text) in new[]
{
    ("forge-voice/v21", client, "1 sentence", one),
    ("forge-voice/v21", client, "3 sentences", three),
    ("forge-voice/v-slow", new SynthesisClient(slowChannel), "1 sentence", one),
    ("forge-voice/v-slow", new SynthesisClient(slowChannel), "3 sentences", three),
})
{
    var e2e = new List<double>();
    var model = new List<double>();
    var shares = new List<double>();
    var stages = new Dictionary<string, List<double>>();
    var outside = new List<double>();
    double audio = 0;
    for (var i = 0; i < latencyRequests; i++)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await voiceClient.SynthesizeAsync(new SynthesizeRequest { Text = text, Seed = (ulong)i });
        var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var run = response.Info.StageTimings.Where(s => s.Stage is "model" or "acoustic" or "vocoder").Sum(s => s.Duration.ToTimeSpan().TotalMilliseconds);
        e2e.Add(total);
        model.Add(run);
        shares.Add((total - run) / total);
        foreach (var stage in response.Info.StageTimings)
        {
            (stages.TryGetValue(stage.Stage, out var list) ? list : stages[stage.Stage] = []).Add(stage.Duration.ToTimeSpan().TotalMilliseconds);
        }

        // The service's own elapsed time (request start to the end of the pipeline) is its RTF × the audio's length;
        // the encode step comes after it.
        var inService = response.Info.RealTimeFactor * response.AudioSeconds * 1000;
        var encode = response.Info.StageTimings.Where(s => s.Stage == "encode").Sum(s => s.Duration.ToTimeSpan().TotalMilliseconds);
        outside.Add(total - inService - encode);
        audio = response.AudioSeconds;
    }

    double Of(params string[] names) => names.Sum(n => stages.TryGetValue(n, out var l) ? Stats.Median(l) : 0);
    var rest = Stats.Median(e2e) - Stats.Median(model) - Of("frontend") - Of("speaker", "emotion") - Of("queue") - Of("watermark") - Of("quality", "encode") - Stats.Median(outside);
    output.WriteLine(Invariant($"| {voice} | {name} | {audio:0.00} | {Stats.Median(e2e):0.0} | {Stats.Median(model):0.0} | {Stats.Median(model) / 1000 / audio:0.000} | {Stats.Median(shares):P1} | {Of("frontend"):0.0} | {Of("speaker", "emotion"):0.0} | {Of("queue"):0.00} | {Of("watermark"):0.0} | {Of("quality", "encode"):0.0} | {rest:0.0} | {Stats.Median(outside):0.0} |"));
}

output.WriteLine();

// The Frontend's part alone: the same Analyze call the service makes for one sentence, from this process, so the
// "frontend" column above splits into the Frontend's own time and the hop from Synthesis.
using (var frontendChannel = GrpcChannel.ForAddress(frontend.Grpc))
{
    var analyzer = new TextFrontendClient(frontendChannel);
    var analyze = new AnalyzeRequest { Text = one, ModelVersion = "forge-voice/v21" };
    var direct = new List<double>();
    for (var i = 0; i < latencyRequests + 10; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await analyzer.AnalyzeAsync(analyze);
        if (i >= 10)
        {
            direct.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    output.WriteLine(Invariant($"The Frontend's Analyze of the 1-sentence text called directly from the benchmark: p50 {Stats.Median(direct):0.00} ms."));
    output.WriteLine();
}

if (overheadOnly)
{
    return 0;
}

// 2. Time to first audio: streaming against unary, 5 sentences.
output.WriteLine("### Time to first audio (5 sentences, concurrency 1)");
output.WriteLine();
var unary = new List<double>();
var first = new List<double>();
var streamTotal = new List<double>();
for (var i = 0; i < latencyRequests; i++)
{
    var started = Stopwatch.GetTimestamp();
    await client.SynthesizeAsync(new SynthesizeRequest { Text = five, Seed = (ulong)i });
    unary.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

    started = Stopwatch.GetTimestamp();
    using var call = client.SynthesizeStream(new SynthesizeRequest { Text = five, Seed = (ulong)i });
    var firstMs = -1.0;
    await foreach (var message in call.ResponseStream.ReadAllAsync())
    {
        if (firstMs < 0 && message.EventCase == SynthesizeStreamResponse.EventOneofCase.Chunk)
        {
            firstMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }

    first.Add(firstMs);
    streamTotal.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
}

output.WriteLine("| measurement | p50 ms | p95 ms |");
output.WriteLine("|---|---:|---:|");
output.WriteLine(Invariant($"| unary: whole clip | {Stats.Median(unary):0.0} | {Stats.Percentile(unary, 95):0.0} |"));
output.WriteLine(Invariant($"| streaming: first chunk | {Stats.Median(first):0.0} | {Stats.Percentile(first, 95):0.0} |"));
output.WriteLine(Invariant($"| streaming: last chunk | {Stats.Median(streamTotal):0.0} | {Stats.Percentile(streamTotal, 95):0.0} |"));
output.WriteLine(Invariant($"| first chunk ÷ unary | {Stats.Median(first) / Stats.Median(unary):0.00}× | |"));
output.WriteLine();

// 3. Throughput with and without dynamic batching, memory per request in flight.
output.WriteLine(Invariant($"### Throughput ({throughputSeconds:0} s per point, 1-sentence and 3-sentence requests alternating)"));
output.WriteLine();
output.WriteLine("| concurrency | batching | requests/s | audio s/s | p50 ms | p95 ms | mean batch | RSS +MiB | +MiB per request in flight |");
output.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
var texts = new[] { one, three };
foreach (var concurrency in new[] { 1, 4, 8, 16 })
{
    foreach (var (label, channel) in new[] { ("off", unbatchedChannel), ("on", batchedChannel) })
    {
        var synth = new SynthesisClient(channel);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var idleRss = Rss();
        var peakRss = idleRss;
        var latencies = new List<double>();
        double audioSeconds = 0;
        var host = label == "on" ? batched : unbatched;
        var before = await host.BatchTotalsAsync();
        var stop = Stopwatch.GetTimestamp() + (long)(throughputSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        using var sampler = new Timer(_ => peakRss = Math.Max(peakRss, Rss()), null, 50, 50);
        var workers = Enumerable.Range(0, concurrency).Select(async w =>
        {
            var n = 0;
            while (Stopwatch.GetTimestamp() < stop)
            {
                var t0 = Stopwatch.GetTimestamp();
                var response = await synth.SynthesizeAsync(new SynthesizeRequest { Text = texts[(w + n) % 2], Seed = (ulong)n });
                var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                lock (latencies)
                {
                    latencies.Add(ms);
                    audioSeconds += response.AudioSeconds;
                }

                n++;
            }
        }).ToArray();
        await Task.WhenAll(workers);
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var after = await host.BatchTotalsAsync();
        var metrics = (after.Sentences - before.Sentences) / Math.Max(1, after.Runs - before.Runs);
        var extra = (peakRss - idleRss) / 1048576.0;
        output.WriteLine(Invariant($"| {concurrency} | {label} | {latencies.Count / wall:0.0} | {audioSeconds / wall:0.0} | {Stats.Median(latencies):0.0} | {Stats.Percentile(latencies, 95):0.0} | {metrics:0.00} | {extra:0.0} | {extra / concurrency:0.00} |"));
    }
}

output.WriteLine();

// 4. Real-time factor of each model shape, one 3-sentence request at a time.
output.WriteLine("### Real-time factor per model shape (3 sentences, concurrency 1, as the service reports it)");
output.WriteLine();
output.WriteLine("| model | RTF p50 | model-run share of processing |");
output.WriteLine("|---|---:|---:|");
foreach (var (name, host) in new[] { ("forge-voice/v21 (end-to-end)", batched), ("forge-voice-two-stage/v21 (acoustic + vocoder)", twoStage), ("forge-piper/v21 (Piper layout)", piper) })
{
    using var channel = GrpcChannel.ForAddress(host.Grpc);
    var synth = new SynthesisClient(channel);
    var rtfs = new List<double>();
    var share = new List<double>();
    for (var i = 0; i < latencyRequests; i++)
    {
        var response = await synth.SynthesizeAsync(new SynthesizeRequest { Text = three, Seed = (ulong)i });
        if (i < 3)
        {
            continue;
        }

        rtfs.Add(response.Info.RealTimeFactor);
        var run = response.Info.StageTimings.Where(s => s.Stage is "model" or "acoustic" or "vocoder").Sum(s => s.Duration.ToTimeSpan().TotalSeconds);
        share.Add(run / (response.Info.RealTimeFactor * response.AudioSeconds));
    }

    output.WriteLine(Invariant($"| {name} | {Stats.Median(rtfs):0.0000} | {Stats.Median(share):P0} |"));
}

output.WriteLine();
output.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
File.Delete(database);
return 0;

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

static long Rss()
{
    foreach (var line in File.ReadLines("/proc/self/status"))
    {
        if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
        {
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
    }

    return 0;
}
