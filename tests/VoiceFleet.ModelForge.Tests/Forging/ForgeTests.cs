using VoiceFleet.ModelForge.Encoders;
using VoiceFleet.ModelForge.Voice;
using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Manifest;
using Xunit;

namespace VoiceFleet.ModelForge.Tests.Forging;

[Collection(ForgedStoreGroup.Name)]
public sealed class ForgeTests(ForgedStoreFixture forged)
{
    [Fact]
    public void Run_EmptyStore_WritesEveryBundleTheStoreLists()
    {
        Assert.All(forged.Bundles, bundle => Assert.True(bundle.Written, $"{bundle.Name}/{bundle.Version}"));
        Assert.Equal(
            [Forge.EmotionEncoderModel, Forge.PiperModel, Forge.SpeakerEncoderModel, Forge.VoiceModel, Forge.TwoStageModel],
            forged.Store.ListModels().Order(StringComparer.Ordinal));
        Assert.Equal(["v21", "v23", "v-drift", "v-noisy", "v-slow"], forged.Store.ListVersions(Forge.VoiceModel));
        Assert.Equal(["v21", "v23"], forged.Store.ListVersions(Forge.TwoStageModel));
        Assert.Equal(["v21", "v23"], forged.Store.ListVersions(Forge.PiperModel));
    }

    [Fact]
    public void Load_EveryForgedBundle_VerifiesHashesAndTensors()
    {
        foreach (var name in forged.Store.ListModels())
        {
            foreach (var version in forged.Store.ListVersions(name))
            {
                using var bundle = forged.Store.Load(name, version);
                Assert.Equal(name, bundle.Manifest.Name);
                Assert.Equal(version, bundle.Manifest.Version);
                foreach (var component in bundle.Manifest.Components.Keys)
                {
                    Assert.NotEmpty(bundle.GetSession(component).Inputs);
                }
            }
        }
    }

    [Fact]
    public void Run_EveryFile_IsSmall()
    {
        foreach (var file in Directory.EnumerateFiles(forged.Root, "*", SearchOption.AllDirectories))
        {
            Assert.True(new FileInfo(file).Length < 2_000_000, $"{file} is {new FileInfo(file).Length} bytes");
        }
    }

    [Fact]
    public void Run_StoreAlreadyForged_KeepsEveryBundleWithoutCalibrating()
    {
        var again = new Forge().Run(forged.Root);

        Assert.All(again, bundle => Assert.False(bundle.Written));
        Assert.Equal(forged.Bundles.Select(b => (b.Name, b.Version)), again.Select(b => (b.Name, b.Version)));
    }

    [Fact]
    public void Run_StaleVoiceInTheStore_IsRewrittenAndTheRestKept()
    {
        var root = Path.Join(Path.GetTempPath(), $"voicefleet-forge-stale-{Guid.NewGuid():N}");
        try
        {
            new Forge().Run(root);
            var manifest = Path.Join(root, Forge.VoiceModel, "v21", "model.json");
            var current = File.ReadAllBytes(manifest);
            File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"en-us\"", "\"en-gb\"", StringComparison.Ordinal));

            var again = new Forge().Run(root);

            var rewritten = Assert.Single(again, b => b.Written);
            Assert.Equal((Forge.VoiceModel, "v21"), (rewritten.Name, rewritten.Version));
            Assert.Equal(current, File.ReadAllBytes(manifest));
            Assert.Empty(Directory.GetDirectories(Path.Join(root, Forge.VoiceModel), ".*"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Run_VoiceBundles_HoldExactlyTheGraphsOfTheirDesign()
    {
        foreach (var design in VoiceDesign.All)
        {
            var written = File.ReadAllBytes(Path.Join(forged.Root, Forge.VoiceModel, design.Version, "model.onnx"));
            Assert.Equal(VoiceGraph.EndToEnd(design), written);
        }
    }

    [Fact]
    public void Graphs_BuiltTwice_AreByteIdentical()
    {
        foreach (var design in VoiceDesign.All)
        {
            Assert.Equal(VoiceGraph.EndToEnd(design), VoiceGraph.EndToEnd(design));
            Assert.Equal(VoiceGraph.Acoustic(design), VoiceGraph.Acoustic(design));
            Assert.Equal(VoiceGraph.Vocoder(design), VoiceGraph.Vocoder(design));
            Assert.Equal(VoiceGraph.Piper(design, multiSpeaker: true), VoiceGraph.Piper(design, multiSpeaker: true));
        }

        const int Stats = FeatureStatistics.SpeakerLength;
        var prosody = FeatureStatistics.ProsodyNames.Length;
        var speaker = new SpeakerCalibration(new float[Stats], Ones(Stats), new float[Stats * 3], new float[3], 0, 0);
        var emotion = new EmotionCalibration(new float[prosody], Ones(prosody), new float[EmotionEncoderGraph.ExpandedLength(prosody) * 7], new float[7], new float[EmotionEncoderGraph.ExpandedLength(prosody) * 8], new float[8], 0, 0);
        Assert.Equal(SpeakerEncoderGraph.Build(speaker), SpeakerEncoderGraph.Build(speaker));
        Assert.Equal(EmotionEncoderGraph.Build(emotion), EmotionEncoderGraph.Build(emotion));
    }

    [Fact]
    public void VoiceManifest_DeclaresPresetsPrototypesAndPairedEncoders()
    {
        var manifest = forged.Store.Describe(Forge.VoiceModel, "v21");

        Assert.Equal(ModelKind.EndToEnd, manifest.Kind);
        Assert.Equal(22050, manifest.SampleRate);
        Assert.Equal(SpeakerSpace.Presets.Select(p => p.Name).Order(StringComparer.Ordinal), manifest.Conditioning!.Speaker!.Presets.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(SpeakerSpace.PresetEmbedding(0), manifest.Conditioning.Speaker.Presets["ava"]);
        Assert.Equal(EmotionSpace.Labels, manifest.Conditioning.Emotion!.Labels);
        Assert.Equal(EmotionSpace.Prototype(1), manifest.Conditioning.Emotion.Prototypes["happy"]);
        Assert.Equal(Forge.SpeakerEncoderModel, manifest.Conditioning.Speaker.Encoder!.Name);
        Assert.Equal(Forge.EmotionEncoderModel, manifest.Conditioning.Emotion.Encoder!.Name);
        Assert.Equal(PhonemeInventory.All.Count, manifest.Phonemes!.IdMap.Count);

        var encoder = forged.Store.Describe(Forge.SpeakerEncoderModel, "v1");
        Assert.Equal(ModelKind.SpeakerEncoder, encoder.Kind);
        Assert.Equal(("kaldi-fbank", 16000, 80, false), (encoder.Features!.Type, encoder.Features.SampleRate, encoder.Features.Bins, encoder.Features.MeanNormalize));
        Assert.Contains("code_rms_error", encoder.Metadata["forge.calibration"], StringComparison.Ordinal);
    }

    private static float[] Ones(int n) => [.. Enumerable.Repeat(1f, n)];
}
