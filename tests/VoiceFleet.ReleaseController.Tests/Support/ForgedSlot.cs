using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using VoiceFleet.Audio.Wav;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Hosting.ServiceDefaults;
using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Phonemes;
using VoiceFleet.Onnx.Runtime;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Server;
using VoiceFleet.Testing;

namespace VoiceFleet.ReleaseController.Tests.Support;

/// <summary>
/// A small Synthesis server for one forged voice version, until the real Synthesis service is ready:
/// Synthesize runs the voice through the ONNX Runtime (text → one of our IPA sentences, chosen by a
/// hash of the text; the emotion label's prototype; a preset speaker; the seed), measures the output's
/// quality signals and real-time factor and answers a WAV. ListModelVersions names the version.
/// </summary>
internal sealed class ForgedSlot : SynthesisServiceBase
{
    private static readonly string[] Sentences =
    [
        "ðɪs ɪz ə ʃˈɔːt tˈɛst ɒv ðə vˈɔɪs.",
        "wiː wˈɔːkt əlˈɔŋ ðə ɹˈɪvɚ ɪn ðə mˈɔːɹnɪŋ.",
        "ʃiː bˈɔːt fˈɹɛʃ bɹˈɛd ænd sˈʌm tʃˈiːz.",
        "ðə bˈʌs wɪl lˈiːv ɐt sˈɛvən ə klˈɑːk.",
        "hiː ɹˈɛd ðə lˈɛtɚ twˈaɪs bɪfˈɔːɹ hiː slˈɛpt.",
        "mˈɛni bˈɜːdz flˈuː sˈaʊθ lˈæst wˈiːk.",
    ];

    private readonly ModelBundle _voice;
    private readonly PhonemeIdEncoder _phonemes;
    private readonly string _version;

    private ForgedSlot(ModelBundle voice, string version)
    {
        _voice = voice;
        _version = version;
        _phonemes = new PhonemeIdEncoder(voice.Manifest.Phonemes!);
    }

    public int Calls;

    /// <summary>Starts a server for <paramref name="version"/> of the forged voice in <paramref name="models"/>.</summary>
    public static async Task<(RunningService Service, ForgedSlot Slot)> StartAsync(ForgedModels models, string version)
    {
        var slot = new ForgedSlot(models.Load(version), version);
        var service = await RunningService.StartAsync(args =>
        {
            var builder = ServiceHost.CreateBuilder("synthesis", args);
            builder.Services.AddSingleton(slot);
            var app = builder.Build();
            app.MapServiceDefaults();
            app.MapGrpcService<ForgedSlot>();
            return app;
        });
        return (service, slot);
    }

    public override Task<ListModelVersionsResponse> ListModelVersions(ListModelVersionsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListModelVersionsResponse { ServingVersion = _version });

    public override Task<SynthesizeResponse> Synthesize(SynthesizeRequest request, ServerCallContext context)
    {
        Interlocked.Increment(ref Calls);
        var started = Stopwatch.GetTimestamp();
        var conditioning = _voice.Manifest.Conditioning!;
        var speakerName = request.Voice?.PresetSpeaker is { Length: > 0 } name ? name : "ava";
        if (!conditioning.Speaker!.Presets.TryGetValue(speakerName, out var speaker))
        {
            throw new RpcException(StatusCode.NotFound, $"no preset speaker '{speakerName}'");
        }

        var emotion = conditioning.Emotion!;
        var label = request.Emotion?.Label ?? "neutral";
        var vector = emotion.Prototypes.TryGetValue(label, out var prototype) ? prototype.ToArray() : new float[emotion.EmbeddingSize];
        var hash = request.Text.Aggregate(17, (h, c) => unchecked((h * 31) + c));
        var ids = _phonemes.Encode(Sentences[(int)((uint)hash % (uint)Sentences.Length)]).Ids.ToArray();
        var outputs = _voice.GetSession(ModelComponentNames.Model).Run(new Dictionary<string, OnnxTensor>
        {
            ["input"] = OnnxTensor.Create(ids, 1, ids.Length),
            ["input_lengths"] = OnnxTensor.Create(new long[] { ids.Length }, 1),
            ["scales"] = OnnxTensor.Create(new[] { 0.667f, 1f, 0.8f }, 3),
            ["speaker"] = OnnxTensor.Create(speaker.ToArray(), 1, speaker.Count),
            ["emotion"] = OnnxTensor.Create(vector, 1, vector.Length),
            ["seed"] = OnnxTensor.Create(new[] { (long)(request.Seed % long.MaxValue) }, 1),
        });
        var length = (int)outputs["output_lengths"].ToArray<long>()[0];
        var samples = outputs["output"].ToArray<float>()[..length];

        long nonFinite = 0;
        long clipped = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            if (!float.IsFinite(samples[i]))
            {
                nonFinite++;
                samples[i] = 0;
            }

            samples[i] = Math.Clamp(samples[i], -1f, 1f);
            if (Math.Abs(samples[i]) >= 0.999f)
            {
                clipped++;
            }
        }

        var rate = _voice.Manifest.SampleRate;
        var frame = rate / 100;
        var frames = Math.Max(1, samples.Length / frame);
        var silent = 0;
        double energy = 0;
        for (var f = 0; f < frames; f++)
        {
            double sum = 0;
            for (var i = f * frame; i < Math.Min(samples.Length, (f + 1) * frame); i++)
            {
                sum += samples[i] * (double)samples[i];
            }

            energy += sum;
            if (sum / frame < 1e-5)
            {
                silent++;
            }
        }

        var seconds = samples.Length / (double)rate;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return Task.FromResult(new SynthesizeResponse
        {
            Audio = new Contracts.V1.Audio { Data = Google.Protobuf.ByteString.CopyFrom(WavWriter.ToBytes(samples, rate)), Format = AudioFormat.WavPcm16, SampleRateHz = rate, Channels = 1 },
            AudioSeconds = seconds,
            Info = new SynthesisInfo
            {
                ModelVersion = _version,
                Seed = request.Seed,
                RealTimeFactor = seconds > 0 ? elapsed / seconds : 0,
                Quality = new OutputQuality
                {
                    NonFiniteSamples = nonFinite,
                    ClippingRatio = samples.Length == 0 ? 0 : clipped / (double)samples.Length,
                    SilenceRatio = silent / (double)frames,
                    LoudnessLufs = (10 * Math.Log10(Math.Max(1e-10, energy / Math.Max(1, samples.Length)))) - 0.691,
                },
            },
        });
    }
}
