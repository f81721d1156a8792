using System.Text;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Tests.Support;
using Xunit;

namespace VoiceFleet.Models.Tests.Manifest;

public sealed class ModelManifestWriterTests
{
    [Fact]
    public void ToBytes_SameManifestTwice_GivesTheSameBytes()
    {
        Assert.Equal(ModelManifestWriter.ToBytes(Manifests.EndToEnd()), ModelManifestWriter.ToBytes(Manifests.EndToEnd()));
    }

    [Fact]
    public void ToBytes_DictionariesInAnotherOrder_GiveTheSameBytes()
    {
        var manifest = Manifests.EndToEnd();
        var shuffled = manifest with
        {
            Phonemes = manifest.Phonemes! with { IdMap = manifest.Phonemes.IdMap.Reverse().ToDictionary(p => p.Key, p => p.Value) },
            Metadata = new Dictionary<string, string> { ["z"] = "1", ["a"] = "2", ["forge.run"] = "42" },
        };
        var sorted = manifest with { Metadata = new Dictionary<string, string> { ["a"] = "2", ["forge.run"] = "42", ["z"] = "1" } };

        Assert.Equal(ModelManifestWriter.ToBytes(sorted), ModelManifestWriter.ToBytes(shuffled));
    }

    [Fact]
    public void ToBytes_WritesCanonicalText()
    {
        var text = Encoding.UTF8.GetString(ModelManifestWriter.ToBytes(Manifests.EndToEnd()));

        Assert.StartsWith("{\n  \"schema\": \"voicefleet.model/v1\",\n  \"name\": \"forge-voice\",\n  \"version\": \"v21\",\n  \"kind\": \"end-to-end\",", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        // Shortest round-trip floats, invariant culture; lists of scalars on one line.
        Assert.Contains("\"noiseScale\": 0.667,", text, StringComparison.Ordinal);
        Assert.Contains("\"lengthScale\": 1,", text, StringComparison.Ordinal);
        Assert.Contains("\"ava\": [0.1,-0.2,0.3,0.25]", text, StringComparison.Ordinal);
        Assert.Contains("\"shape\": [\"batch\",\"phonemes\"]", text, StringComparison.Ordinal);
        // IPA phonemes are written as themselves; the id map is in id order.
        Assert.Contains("\"ə\": [59]", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("\"_\": [0]", StringComparison.Ordinal) < text.IndexOf("\"^\": [1]", StringComparison.Ordinal));
        // Empty optional collections and unset optional objects are left out.
        Assert.DoesNotContain("speakerIdMap", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"mel\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"features\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToBytes_ThenParse_RoundTripsEveryValue()
    {
        var files = new Dictionary<string, ModelFile> { ["model.onnx"] = new() { Sha256 = new string('c', 64), Bytes = 99 } };
        var manifest = Manifests.EndToEnd() with { Files = files };
        var awkward = manifest with
        {
            Conditioning = manifest.Conditioning! with
            {
                Speaker = manifest.Conditioning.Speaker! with
                {
                    Presets = new Dictionary<string, IReadOnlyList<float>> { ["ava"] = [float.Epsilon, 1e-7f, 3.4028235e38f, -0.1f] },
                },
            },
        };

        var bytes = ModelManifestWriter.ToBytes(awkward);
        var parsed = ModelManifestReader.Parse(bytes);

        Assert.Equal(awkward.Conditioning!.Speaker!.Presets["ava"], parsed.Conditioning!.Speaker!.Presets["ava"]);
        Assert.Equal(bytes, ModelManifestWriter.ToBytes(parsed));
    }

    [Fact]
    public void Canonicalize_OrdersComponentsInPipelineOrder()
    {
        var manifest = Manifests.TwoStage();
        var reversed = manifest with { Components = manifest.Components.Reverse().ToDictionary(p => p.Key, p => p.Value) };

        Assert.Equal(["acoustic", "vocoder"], ModelManifestWriter.Canonicalize(reversed).Components.Keys);
    }
}
