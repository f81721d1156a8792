// The generated voices' benchmark (tests/bench/voices/run.sh).
//
//   rtf    --store DIR [--runs 7] [--threads 1]
//          for every voice in the store (forge-voice/*, forge-voice-two-stage/*, forge-piper/*) and targets of 1, 3 and
//          10 s of audio: the shortest run of corpus sentences that reaches the target, synthesised after two
//          warm-up runs, `runs` times; real-time factor = median wall time ÷ audio duration. One JSON line each.
//   memory --store DIR [--sessions 4]
//          per voice: RSS growth of the process per additional open session, after opening and after one run.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VoiceFleet.ModelForge;
using VoiceFleet.ModelForge.Voice;
using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Phonemes;
using VoiceFleet.Models.Store;
using VoiceFleet.Onnx.Runtime;

var command = args.Length > 0 ? args[0] : "";
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    options[args[i]] = args[i + 1];
}

string Option(string name, string fallback) => options.TryGetValue(name, out var value) ? value : fallback;

if (command is not ("rtf" or "memory") || !options.TryGetValue("--store", out var storeRoot))
{
    Console.Error.WriteLine("usage: VoiceFleet.Bench.Voices rtf|memory --store DIR [--runs 7] [--threads 1] [--sessions 4]");
    return 2;
}

var store = new ModelStore(new ModelStoreOptions { Root = storeRoot });
var threads = int.Parse(Option("--threads", "1"), CultureInfo.InvariantCulture);
var sessionOptions = new OnnxSessionOptions { IntraOpThreads = threads, InterOpThreads = 1 };
var load = new ModelLoadOptions { SessionOptions = sessionOptions };
var voices = new List<(string Name, string Version)>();
foreach (var name in new[] { Forge.VoiceModel, Forge.TwoStageModel, Forge.PiperModel })
{
    voices.AddRange(store.ListVersions(name).Select(version => (name, version)));
}

if (command == "rtf")
{
    var runs = int.Parse(Option("--runs", "7"), CultureInfo.InvariantCulture);
    foreach (var (name, version) in voices)
    {
        using var bundle = store.Load(name, version, load);
        var voice = new BenchVoice(bundle);
        foreach (var target in new[] { 1.0, 3.0, 10.0 })
        {
            var ids = voice.IdsFor(target);
            voice.Speak(ids);
            var seconds = voice.Speak(ids).Length / (double)bundle.Manifest.SampleRate;
            var times = new List<double>();
            for (var r = 0; r < runs; r++)
            {
                var stopwatch = Stopwatch.StartNew();
                voice.Speak(ids);
                times.Add(stopwatch.Elapsed.TotalSeconds);
            }

            times.Sort();
            var median = times[times.Count / 2];
            Emit(new()
            {
                ["case"] = "rtf", ["voice"] = $"{name}/{version}", ["threads"] = threads, ["target_s"] = target,
                ["audio_s"] = Math.Round(seconds, 3), ["median_ms"] = Math.Round(median * 1000, 2),
                ["min_ms"] = Math.Round(times[0] * 1000, 2), ["max_ms"] = Math.Round(times[^1] * 1000, 2),
                ["rtf"] = Math.Round(median / seconds, 4), ["runs"] = runs,
            });
        }
    }
}
else
{
    var sessions = int.Parse(Option("--sessions", "4"), CultureInfo.InvariantCulture);
    foreach (var (name, version) in voices)
    {
        using (var first = store.Load(name, version, load))
        {
            new BenchVoice(first).Speak(new BenchVoice(first).IdsFor(1.0));
        }

        var bundles = new List<ModelBundle>();
        var baseline = Rss();
        for (var i = 0; i < sessions; i++)
        {
            bundles.Add(store.Load(name, version, load));
        }

        var opened = Rss();
        foreach (var bundle in bundles)
        {
            var voice = new BenchVoice(bundle);
            voice.Speak(voice.IdsFor(3.0));
        }

        var ran = Rss();
        Emit(new()
        {
            ["case"] = "memory", ["voice"] = $"{name}/{version}", ["sessions"] = sessions,
            ["model_kib"] = bundles[0].FilePaths.Values.Where(p => p.EndsWith(".onnx", StringComparison.Ordinal)).Sum(p => new FileInfo(p).Length) / 1024,
            ["rss_kib_per_session_opened"] = (opened - baseline) / sessions,
            ["rss_kib_per_session_after_3s_run"] = (ran - baseline) / sessions,
        });
        foreach (var bundle in bundles)
        {
            bundle.Dispose();
        }

        GC.Collect();
    }
}

return 0;

static void Emit(Dictionary<string, object> fields) => Console.WriteLine(JsonSerializer.Serialize(fields));

static long Rss()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

/// <summary>One forged voice of any of the three shapes, spoken with a preset speaker and neutral emotion.</summary>
internal sealed class BenchVoice(ModelBundle bundle)
{
    private static readonly long[] Seed = [1];
    private static readonly float[] Scales = [0.667f, 1f, 0.8f];

    private readonly PhonemeIdEncoder encoder = new(bundle.Manifest.Phonemes!);

    /// <summary>The shortest run of corpus sentences whose audio lasts at least <paramref name="seconds"/>.</summary>
    public long[] IdsFor(double seconds)
    {
        var text = "";
        for (var i = 0; ; i = (i + 1) % ForgeCorpus.Sentences.Length)
        {
            text = text.Length == 0 ? ForgeCorpus.Sentences[i] : text + " " + ForgeCorpus.Sentences[i];
            var ids = encoder.Encode(text).Ids;
            if (Speak(ids).Length >= seconds * bundle.Manifest.SampleRate)
            {
                return Trim(ids, seconds);
            }
        }
    }

    public float[] Speak(long[] ids)
    {
        var manifest = bundle.Manifest;
        var inputs = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        var component = manifest.Kind == ModelKind.TwoStage ? ModelComponentNames.Acoustic : ModelComponentNames.Model;
        foreach (var spec in manifest.Components[component].Inputs)
        {
            inputs[spec.Name] = spec.Role switch
            {
                TensorRole.PhonemeIds => OnnxTensor.Create(ids, [1, ids.Length]),
                TensorRole.PhonemeLengths => OnnxTensor.Create(new long[] { ids.Length }, [1]),
                TensorRole.Scales => OnnxTensor.Create(Scales, [3]),
                TensorRole.SpeakerEmbedding => OnnxTensor.Create(manifest.Conditioning!.Speaker!.Presets.Values.First().ToArray(), [1, manifest.Conditioning.Speaker.EmbeddingSize!.Value]),
                TensorRole.EmotionEmbedding => OnnxTensor.Create(new float[manifest.Conditioning!.Emotion!.EmbeddingSize], [1, manifest.Conditioning.Emotion.EmbeddingSize]),
                TensorRole.SpeakerId => OnnxTensor.Create(new long[] { 0 }, [1]),
                TensorRole.Seed => OnnxTensor.Create(new long[] { 1 }, [1]),
                _ => throw new InvalidOperationException($"input role {spec.Role} is not handled by the benchmark"),
            };
        }

        var outputs = bundle.GetSession(component).Run(inputs);
        if (manifest.Kind != ModelKind.TwoStage)
        {
            return outputs[manifest.Components[component].Outputs.First(o => o.Role == TensorRole.Audio).Name].ToArray<float>();
        }

        var vocoder = bundle.GetSession(ModelComponentNames.Vocoder);
        return vocoder.Run(new Dictionary<string, OnnxTensor>(StringComparer.Ordinal)
        {
            ["mel"] = outputs["mel"],
            ["f0"] = outputs["f0"],
            ["seed"] = OnnxTensor.Create(Seed, [1]),
        })["output"].ToArray<float>();
    }

    /// <summary>Drops whole trailing symbols (keeping BOS…EOS) while the audio stays at least <paramref name="seconds"/> long.</summary>
    private long[] Trim(long[] ids, double seconds)
    {
        var best = ids;
        for (var cut = ids.Length - 3; cut > 2; cut -= 2)
        {
            long[] candidate = [.. ids[..cut], ids[^1]];
            if (Speak(candidate).Length < seconds * bundle.Manifest.SampleRate)
            {
                break;
            }

            best = candidate;
        }

        return best;
    }
}
