using VoiceFleet.ModelForge.Voice;
using VoiceFleet.Onnx.Runtime;
using Xunit;

namespace VoiceFleet.ModelForge.Tests.Voice;

/// <summary>Bad inputs to a forged voice end in clear exceptions from the binding, never a native crash.</summary>
public sealed class VoiceInputValidationTests(VoiceFixture voices) : IClassFixture<VoiceFixture>
{
    private static Dictionary<string, OnnxTensor> Inputs(long[]? ids = null, float[]? scales = null, float[]? speaker = null)
    {
        ids ??= ForgeCorpus.Encode(ForgeCorpus.Sentences[3]);
        return new Dictionary<string, OnnxTensor>
        {
            ["input"] = OnnxTensor.Create(ids, [1, ids.Length]),
            ["input_lengths"] = OnnxTensor.Create(new long[] { ids.Length }, [1]),
            ["scales"] = OnnxTensor.Create(scales ?? [0.667f, 1f, 0.8f], [3]),
            ["speaker"] = OnnxTensor.Create(speaker ?? SpeakerSpace.PresetEmbedding(0), [1, SpeakerSpace.Dimension]),
            ["emotion"] = OnnxTensor.Create(new float[EmotionSpace.Dimension], [1, EmotionSpace.Dimension]),
            ["seed"] = OnnxTensor.Create(new long[] { 1 }, [1]),
        };
    }

    private OnnxSession Session => voices.Session("v21");

    [Fact]
    public void Run_WrongElementType_ThrowsNamingTheInput()
    {
        var inputs = Inputs();
        inputs["input"] = OnnxTensor.Create(new int[] { 1, 0, 2 }, [1, 3]);

        var error = Assert.Throws<ArgumentException>(() => Session.Run(inputs));
        Assert.Contains("'input'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WrongRank_ThrowsNamingTheInput()
    {
        var inputs = Inputs();
        inputs["speaker"] = OnnxTensor.Create(SpeakerSpace.PresetEmbedding(0), [SpeakerSpace.Dimension]);

        var error = Assert.Throws<ArgumentException>(() => Session.Run(inputs));
        Assert.Contains("'speaker'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingInput_ThrowsNamingTheInput()
    {
        var inputs = Inputs();
        inputs.Remove("emotion");

        var error = Assert.Throws<ArgumentException>(() => Session.Run(inputs));
        Assert.Contains("'emotion'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_EmptySequence_ReturnsSilenceWithoutCrashing()
    {
        var inputs = Inputs(ids: []);
        inputs["input"] = OnnxTensor.Create(Array.Empty<long>(), [1, 0]);
        inputs["input_lengths"] = OnnxTensor.Create(new long[] { 0 }, [1]);

        var result = Session.Run(inputs);

        Assert.Equal(0, result["output_lengths"].ToArray<long>()[0]);
        Assert.All(result["output"].ToArray<float>(), sample => Assert.Equal(0f, sample));
    }

    [Fact]
    public void Run_NaNInFloatInput_ThrowsNamingTheInput()
    {
        var error = Assert.Throws<ArgumentException>(() => Session.Run(Inputs(scales: [float.NaN, 1f, 0.8f])));
        Assert.Contains("'scales'", error.Message, StringComparison.Ordinal);
        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PhonemeIdOutOfRange_ThrowsOnnxRuntimeException()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => Session.Run(Inputs(ids: [1, 5000, 2])));
        Assert.Contains("indices", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
