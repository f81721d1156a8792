using VoiceFleet.Audio.Analysis;
using VoiceFleet.ModelForge.Encoders;
using VoiceFleet.ModelForge.Voice;
using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Phonemes;
using VoiceFleet.Onnx.Runtime;
using Xunit;

namespace VoiceFleet.ModelForge.Tests.Forging;

/// <summary>The forged bundles as users load them from a store: encoders, the two-stage voice and the Piper copy.</summary>
[Collection(ForgedStoreGroup.Name)]
public sealed class ForgedModelTests(ForgedStoreFixture forged)
{
    private static readonly PitchTracker Tracker = new();

    private static readonly int[] HeldOut = ForgeCorpus.HeldOut;

    [Fact]
    public void SpeakerEncoder_SameSpeaker_IsMoreSimilarThanOtherSpeakers()
    {
        using var voice = forged.Store.Load(Forge.VoiceModel, "v21");
        using var encoder = forged.Store.Load(Forge.SpeakerEncoderModel, "v1");
        var embeddings = new List<(int Speaker, float[] Embedding)>();
        for (var speaker = 0; speaker < SpeakerSpace.Presets.Length; speaker++)
        {
            foreach (var sentence in HeldOut)
            {
                var embedding = Embed(encoder, Speak(voice, sentence, SpeakerSpace.PresetEmbedding(speaker)));
                Assert.InRange(Norm(embedding), 0.999, 1.001);
                embeddings.Add((speaker, embedding));
            }
        }

        var within = Pairs(embeddings).Where(p => p.A.Speaker == p.B.Speaker).Average(p => Cosine(p.A.Embedding, p.B.Embedding));
        var across = Pairs(embeddings).Where(p => p.A.Speaker != p.B.Speaker).Average(p => Cosine(p.A.Embedding, p.B.Embedding));
        Assert.True(within > across + 0.3, $"within {within:F3}, across {across:F3}");

        // Speaker identification by nearest neighbour among the other clips.
        var identified = embeddings.Count(clip => embeddings.Where(e => e.Embedding != clip.Embedding).MaxBy(e => Cosine(e.Embedding, clip.Embedding)).Speaker == clip.Speaker);
        Assert.True(identified >= embeddings.Count * 0.8, $"{identified} of {embeddings.Count} clips identified");
    }

    [Fact]
    public void SpeakerEncoder_ClonedEmbedding_KeepsTheSpeakersPitch()
    {
        using var voice = forged.Store.Load(Forge.VoiceModel, "v21");
        using var encoder = forged.Store.Load(Forge.SpeakerEncoderModel, "v1");
        foreach (var speaker in new[] { 0, 1 })
        {
            var reference = Speak(voice, 5, SpeakerSpace.PresetEmbedding(speaker));
            var cloned = Speak(voice, 7, Embed(encoder, reference));
            var original = Speak(voice, 7, SpeakerSpace.PresetEmbedding(speaker));

            var ratio = Tracker.Track(cloned, 22050).Statistics.MeanHz / Tracker.Track(original, 22050).Statistics.MeanHz;
            Assert.InRange(ratio, 0.88, 1.12);
        }
    }

    [Fact]
    public void SpeakerEncoder_DriftedVersion_IsLessSimilarToStableThanAHealthySuccessor()
    {
        using var stable = forged.Store.Load(Forge.VoiceModel, "v21");
        using var successor = forged.Store.Load(Forge.VoiceModel, "v23");
        using var drifted = forged.Store.Load(Forge.VoiceModel, "v-drift");
        using var encoder = forged.Store.Load(Forge.SpeakerEncoderModel, "v1");
        double Similarity(ModelBundle canary) => Enumerable.Range(0, SpeakerSpace.Presets.Length).Average(speaker =>
            Cosine(Embed(encoder, Speak(stable, 6, SpeakerSpace.PresetEmbedding(speaker))), Embed(encoder, Speak(canary, 6, SpeakerSpace.PresetEmbedding(speaker)))));

        var healthy = Similarity(successor);
        var drift = Similarity(drifted);

        Assert.True(healthy > 0.8, $"v23 vs v21: {healthy:F3}");
        Assert.True(drift < healthy - 0.2, $"v-drift vs v21: {drift:F3}, v23 vs v21: {healthy:F3}");
    }

    [Theory]
    [InlineData("v21")]
    [InlineData("v23")]
    public void EmotionEncoder_HeldOutSentences_RecognisesTheRequestedEmotion(string version)
    {
        using var voice = forged.Store.Load(Forge.VoiceModel, version);
        using var encoder = forged.Store.Load(Forge.EmotionEncoderModel, "v1");
        int correct = 0, total = 0;
        for (var label = 0; label < EmotionSpace.Labels.Length; label++)
        {
            for (var speaker = 0; speaker < SpeakerSpace.Presets.Length; speaker++)
            {
                var audio = Speak(voice, HeldOut[speaker % HeldOut.Length], SpeakerSpace.PresetEmbedding(speaker), EmotionSpace.Prototype(label));
                var (_, logits) = Classify(encoder, audio);
                correct += Array.IndexOf(logits, logits.Max()) == label ? 1 : 0;
                total++;
            }
        }

        Assert.True(correct >= total * 0.8, $"{correct} of {total} recognised");
    }

    [Fact]
    public void EmotionEncoder_Embedding_PointsAtTheRequestedPrototypeWithItsStrength()
    {
        using var voice = forged.Store.Load(Forge.VoiceModel, "v21");
        using var encoder = forged.Store.Load(Forge.EmotionEncoderModel, "v1");
        foreach (var label in new[] { 1, 2, 3 })
        {
            var prototype = EmotionSpace.Prototype(label);
            double Along(float[] emotion) => Enumerable.Range(0, SpeakerSpace.Presets.Length)
                .Average(speaker => Dot(Classify(encoder, Speak(voice, 6, SpeakerSpace.PresetEmbedding(speaker), emotion)).Embedding, prototype));

            var full = Along(prototype);
            var half = Along([.. prototype.Select(v => v * 0.5f)]);
            var none = Along(EmotionSpace.Prototype(0));

            var name = EmotionSpace.Labels[label];
            Assert.True(full > 0.4, $"{name} clips along {name}: {full:F2}");
            Assert.True(full > half && half > none, $"along {name} by strength 1, 0.5, 0: {full:F2}, {half:F2}, {none:F2}");
            Assert.True(none < 0.3 && full - none > 0.2, $"neutral clips along {name}: {none:F2}, full strength {full:F2}");
        }
    }

    [Theory]
    [InlineData("v21")]
    [InlineData("v23")]
    public void TwoStage_AcousticThenVocoder_SpeaksLikeTheEndToEndVoice(string version)
    {
        using var twoStage = forged.Store.Load(Forge.TwoStageModel, version);
        using var endToEnd = forged.Store.Load(Forge.VoiceModel, version);
        var request = Request(6, SpeakerSpace.PresetEmbedding(3), EmotionSpace.Prototype(0));

        var acoustic = twoStage.GetSession(ModelComponentNames.Acoustic).Run(request);
        var frames = (int)acoustic["mel_lengths"].ToArray<long>()[0];
        Assert.Equal([1, 80, frames], acoustic["mel"].Shape.ToArray());
        var audio = twoStage.GetSession(ModelComponentNames.Vocoder).Run(new Dictionary<string, OnnxTensor>
        {
            ["mel"] = acoustic["mel"],
            ["f0"] = acoustic["f0"],
            ["seed"] = OnnxTensor.Create(new long[] { 1 }, [1]),
        })["output"].ToArray<float>();
        var reference = Speak(endToEnd, 6, SpeakerSpace.PresetEmbedding(3));

        Assert.Equal(frames * VoiceDesign.HopLength, audio.Length);
        Assert.Equal(reference.Length, audio.Length);
        Assert.All(audio, sample => Assert.True(float.IsFinite(sample)));
        var f0 = Tracker.Track(audio, 22050).Statistics;
        var expected = Tracker.Track(reference, 22050).Statistics;
        Assert.InRange(f0.MeanHz / expected.MeanHz, 0.95, 1.05);
        Assert.InRange(SignalStatistics.RmsDbfs(audio) - SignalStatistics.RmsDbfs(reference), -4, 4);
        Assert.InRange(f0.VoicedRatio, expected.VoicedRatio - 0.15, expected.VoicedRatio + 0.15);
    }

    [Fact]
    public void Piper_ForgedCopy_LoadsAndSpeaksThroughThePiperPath()
    {
        using var piper = forged.Store.Load(Forge.PiperModel, "v21");
        using var conditioned = forged.Store.Load(Forge.VoiceModel, "v21");
        var manifest = piper.Manifest;
        Assert.Equal(ModelBundleFormat.Piper, piper.Format);
        Assert.Equal(22050, manifest.SampleRate);
        Assert.Equal(SpeakerSpace.Presets.Length, manifest.Conditioning!.Speaker!.SpeakerIdMap.Count);

        var encoding = new PhonemeIdEncoder(manifest.Phonemes!).Encode(ForgeCorpus.Sentences[7]);
        Assert.True(encoding.IsComplete, string.Join(' ', encoding.MissingPhonemes));
        Assert.Equal(ForgeCorpus.Encode(ForgeCorpus.Sentences[7]), encoding.Ids);
        var sid = manifest.Conditioning.Speaker.SpeakerIdMap["ben"];
        var audio = piper.GetSession(ModelComponentNames.Model).Run(new Dictionary<string, OnnxTensor>
        {
            ["input"] = OnnxTensor.Create(encoding.Ids, [1, encoding.Ids.Length]),
            ["input_lengths"] = OnnxTensor.Create(new long[] { encoding.Ids.Length }, [1]),
            ["scales"] = OnnxTensor.Create(new[] { manifest.Inference!.NoiseScale, manifest.Inference.LengthScale, manifest.Inference.NoiseW }, [3]),
            ["sid"] = OnnxTensor.Create(new[] { sid }, [1]),
        })["output"].ToArray<float>();

        // The Piper copy is the conditioned voice with a preset speaker, neutral emotion and seed 0.
        var expected = Speak(conditioned, 7, SpeakerSpace.PresetEmbedding((int)sid));
        Assert.Equal(expected.Length, audio.Length);
        Assert.True(expected.Zip(audio).Max(p => Math.Abs(p.First - p.Second)) < 1e-4);
    }

    private static Dictionary<string, OnnxTensor> Request(int sentence, float[] speaker, float[]? emotion = null)
    {
        var ids = ForgeCorpus.Encode(ForgeCorpus.Sentences[sentence]);
        return new Dictionary<string, OnnxTensor>
        {
            ["input"] = OnnxTensor.Create(ids, [1, ids.Length]),
            ["input_lengths"] = OnnxTensor.Create(new long[] { ids.Length }, [1]),
            ["scales"] = OnnxTensor.Create(new[] { 0.667f, 1f, 0.8f }, [3]),
            ["speaker"] = OnnxTensor.Create(speaker, [1, SpeakerSpace.Dimension]),
            ["emotion"] = OnnxTensor.Create(emotion ?? EmotionSpace.Prototype(0), [1, EmotionSpace.Dimension]),
            ["seed"] = OnnxTensor.Create(new long[] { 0 }, [1]),
        };
    }

    private static float[] Speak(ModelBundle voice, int sentence, float[] speaker, float[]? emotion = null)
    {
        var outputs = voice.GetSession(ModelComponentNames.Model).Run(Request(sentence, speaker, emotion));
        var length = (int)outputs["output_lengths"].ToArray<long>()[0];
        return outputs["output"].ToArray<float>()[..length];
    }

    private static Dictionary<string, OnnxTensor> Features(float[] audio)
    {
        var feats = EncoderCalibrator.FrontEnd(audio);
        return new Dictionary<string, OnnxTensor> { ["feats"] = OnnxTensor.Create(feats.Data, [1, feats.Frames, feats.Bins]) };
    }

    private static float[] Embed(ModelBundle encoder, float[] audio) =>
        encoder.GetSession(ModelComponentNames.Encoder).Run(Features(audio))["embs"].ToArray<float>();

    private static (float[] Embedding, float[] Logits) Classify(ModelBundle encoder, float[] audio)
    {
        var outputs = encoder.GetSession(ModelComponentNames.Encoder).Run(Features(audio));
        return (outputs["embedding"].ToArray<float>(), outputs["logits"].ToArray<float>());
    }

    private static IEnumerable<(T A, T B)> Pairs<T>(List<T> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                yield return (items[i], items[j]);
            }
        }
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b).Sum(p => (double)p.First * p.Second);

    private static double Norm(float[] a) => Math.Sqrt(Dot(a, a));

    private static double Cosine(float[] a, float[] b) => Dot(a, b) / (Norm(a) * Norm(b));
}
