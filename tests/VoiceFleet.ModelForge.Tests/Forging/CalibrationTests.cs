using VoiceFleet.ModelForge.Encoders;
using VoiceFleet.ModelForge.Voice;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Store;
using VoiceFleet.Onnx.Runtime;
using Xunit;

namespace VoiceFleet.ModelForge.Tests.Forging;

/// <summary>The calibration the forge ships must match the voices, and agree with a fresh fit.</summary>
[Collection(ForgedStoreGroup.Name)]
public sealed class CalibrationTests(ForgedStoreFixture forged)
{
    private static VoiceDesign[] Healthy => [.. VoiceDesign.All.Where(d => Forge.HealthyVersions.Contains(d.Version))];

    [Fact]
    public void Shipped_FingerprintOfCurrentVoices_IsFound()
    {
        var shipped = EncoderCalibration.Shipped(EncoderCalibration.CurrentFingerprint(Healthy));

        Assert.True(
            shipped is not null,
            "The shipped encoder calibration no longer matches the voices: run 'dotnet .artifacts/bin/VoiceFleet.Cli/release/voicefleet.dll models calibrate --out services/Shared/ModelForge/Encoders/calibration.json' and commit it.");
    }

    [Fact]
    public void Run_WithShippedCalibration_AgreesWithAFreshFit()
    {
        var root = Path.Join(Path.GetTempPath(), $"voicefleet-forge-shipped-{Guid.NewGuid():N}");
        try
        {
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            new Forge().Run(root);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"forging with the shipped calibration took {stopwatch.Elapsed}");

            var shipped = new ModelStore(new ModelStoreOptions { Root = root });
            using var voice = forged.Store.Load(Forge.VoiceModel, "v21");
            var runner = new VoiceRunner(voice.GetSession(ModelComponentNames.Model));
            foreach (var speaker in new[] { 0, 3 })
            {
                var audio = runner.Speak([new VoiceRequest(ForgeCorpus.Encode(ForgeCorpus.Sentences[ForgeCorpus.HeldOut[0]]), SpeakerSpace.PresetEmbedding(speaker), EmotionSpace.Prototype(speaker == 0 ? 2 : 1))])[0];
                var feats = EncoderCalibrator.FrontEnd(audio);
                var inputs = new Dictionary<string, OnnxTensor> { ["feats"] = OnnxTensor.Create(feats.Data, [1, feats.Frames, feats.Bins]) };

                using var freshSpeaker = forged.Store.Load(Forge.SpeakerEncoderModel, "v1");
                using var shippedSpeaker = shipped.Load(Forge.SpeakerEncoderModel, "v1");
                var a = freshSpeaker.GetSession(ModelComponentNames.Encoder).Run(inputs)["embs"].ToArray<float>();
                var b = shippedSpeaker.GetSession(ModelComponentNames.Encoder).Run(inputs)["embs"].ToArray<float>();
                Assert.True(a.Zip(b).Sum(p => p.First * p.Second) > 0.99, "speaker embeddings of the fresh and shipped encoders differ");

                using var freshEmotion = forged.Store.Load(Forge.EmotionEncoderModel, "v1");
                using var shippedEmotion = shipped.Load(Forge.EmotionEncoderModel, "v1");
                var x = freshEmotion.GetSession(ModelComponentNames.Encoder).Run(inputs)["logits"].ToArray<float>();
                var y = shippedEmotion.GetSession(ModelComponentNames.Encoder).Run(inputs)["logits"].ToArray<float>();
                Assert.Equal(Array.IndexOf(x, x.Max()), Array.IndexOf(y, y.Max()));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
