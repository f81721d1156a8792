using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using VoiceFleet.Audio.Wav;
using VoiceFleet.Bench.Encoders;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Encoders;
using VoiceFleet.ModelForge;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Phonemes;
using VoiceFleet.Models.Store;
using VoiceFleet.Onnx.Runtime;
using VoiceFleet.Rpc.Client;

// Usage: VoiceFleet.Bench.Encoders MODEL_STORE [SECONDS_PER_THROUGHPUT_RUN] [REQUESTS_PER_LATENCY_POINT]
var storeRoot = Path.GetFullPath(args.Length > 0 ? args[0] : ".artifacts/models");
var throughputSeconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var latencyRequests = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 40;
var output = Console.Out;

Console.Error.WriteLine($"bench: forging into {storeRoot} (kept if present)");
new Forge().Run(storeRoot);
var database = Path.Join(Path.GetTempPath(), $"voicefleet-bench-encoders-{Guid.NewGuid():N}.db");
var app = EncodersApp.Build(
[
    "--Service:GrpcPort=0", "--Service:HttpPort=0", "--Logging:LogLevel:Default=Warning",
    $"--Encoders:ModelStoreRoot={storeRoot}", $"--Encoders:Storage:SqlitePath={database}",
    "--Encoders:AuditSpeakerEmbeddings=false", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning", "--Logging:LogLevel:VoiceFleet.Onnx=Error",
]);
await app.StartAsync();
try
{
    var grpc = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    using var channel = GrpcChannel.ForAddress(grpc);
    var client = new EncodersClient(channel);

    // Reference clips from the forged voice: one speaker, sentences joined to 3, 5 and 10 s.
    var store = new ModelStore(new ModelStoreOptions { Root = storeRoot });
    using var voice = store.Load(Forge.VoiceModel, "v21");
    var clips = new Dictionary<int, float[]>();
    foreach (var seconds in new[] { 3, 5, 10 })
    {
        clips[seconds] = Clips.Speak(voice, seconds);
    }

    var rate = voice.Manifest.SampleRate;
    var unique = 0;

    // Every miss request changes one sample by a tiny amount: a new content hash, the same work.
    EmbedSpeakerRequest Miss(int seconds)
    {
        var samples = (float[])clips[seconds].Clone();
        var n = Interlocked.Increment(ref unique);
        samples[^1] += ((n % 1000) + 1) * 3.1e-5f;
        samples[^2] += ((n / 1000 % 1000) + 1) * 3.1e-5f;
        return new EmbedSpeakerRequest { Audio = new Audio { Data = ByteString.CopyFrom(WavWriter.ToBytes(samples, rate, format: WavSampleFormat.IeeeFloat32)) } };
    }

    async Task<double> TimeAsync(EmbedSpeakerRequest request, bool expectHit)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await client.EmbedSpeakerAsync(request);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.CacheHit != expectHit)
        {
            throw new InvalidOperationException($"expected cache_hit={expectHit}, got {response.CacheHit}");
        }

        return ms;
    }

    var load = File.ReadAllText("/proc/loadavg").Trim();
    output.WriteLine($"load average at start: {load}; {Environment.ProcessorCount} cores; .NET {Environment.Version}; ONNX Runtime {OnnxRuntimeEnvironment.Default.Version}");
    output.WriteLine();
    output.WriteLine("| measurement | clip | requests | p50 ms | p95 ms |");
    output.WriteLine("|---|---:|---:|---:|---:|");
    foreach (var seconds in new[] { 3, 5, 10 })
    {
        for (var i = 0; i < 3; i++)
        {
            await TimeAsync(Miss(seconds), expectHit: false); // warm-up
        }

        var times = new List<double>();
        for (var i = 0; i < latencyRequests; i++)
        {
            times.Add(await TimeAsync(Miss(seconds), expectHit: false));
        }

        output.WriteLine(FormattableString.Invariant($"| encode (cache miss) | {seconds} s | {times.Count} | {Stats.Percentile(times, 50):0.0} | {Stats.Percentile(times, 95):0.0} |"));
    }

    foreach (var seconds in new[] { 5 })
    {
        var request = Miss(seconds);
        await TimeAsync(request, expectHit: false);
        var times = new List<double>();
        for (var i = 0; i < latencyRequests * 2; i++)
        {
            times.Add(await TimeAsync(request, expectHit: true));
        }

        output.WriteLine(FormattableString.Invariant($"| cache hit (memory) | {seconds} s | {times.Count} | {Stats.Percentile(times, 50):0.0} | {Stats.Percentile(times, 95):0.0} |"));
    }

    output.WriteLine();
    output.WriteLine("| concurrency | clip | requests | req/s | audio s/s | p50 ms | p95 ms |");
    output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var concurrency in new[] { 1, 4, 8 })
    {
        var times = new List<double>();
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var mine = new List<double>();
            while (stop.Elapsed.TotalSeconds < throughputSeconds)
            {
                mine.Add(await TimeAsync(Miss(5), expectHit: false));
            }

            return mine;
        }).ToArray();
        foreach (var worker in await Task.WhenAll(workers))
        {
            times.AddRange(worker);
        }

        var elapsed = stop.Elapsed.TotalSeconds;
        output.WriteLine(FormattableString.Invariant($"| {concurrency} | 5 s | {times.Count} | {times.Count / elapsed:0.0} | {times.Count * 5 / elapsed:0.0} | {Stats.Percentile(times, 50):0.0} | {Stats.Percentile(times, 95):0.0} |"));
    }

    output.WriteLine();
    output.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    foreach (var file in new[] { database, database + "-wal", database + "-shm" })
    {
        File.Delete(file);
    }
}
