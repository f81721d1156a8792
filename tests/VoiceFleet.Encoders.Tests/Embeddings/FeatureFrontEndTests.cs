using VoiceFleet.Audio.Features;
using VoiceFleet.Encoders.Embeddings;
using VoiceFleet.Models.Manifest;
using Xunit;

namespace VoiceFleet.Encoders.Tests.Embeddings;

/// <summary>The encoder front end built from a manifest's <c>features</c>, checked on analytic signals.</summary>
public sealed class FeatureFrontEndTests
{
    private static FeatureSpec Spec(bool meanNormalize) => new()
    {
        Type = "kaldi-fbank",
        SampleRate = 16000,
        Bins = 80,
        FrameLengthMs = 25,
        FrameShiftMs = 10,
        MeanNormalize = meanNormalize,
    };

    private static float[] Sine(double hz, int rate, double seconds) =>
        [.. Enumerable.Range(0, (int)(rate * seconds)).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * hz * i / rate)))];

    [Fact]
    public void Compute_OneKilohertzSine_PeaksInTheMelBinOfOneKilohertz()
    {
        var frontEnd = new FeatureFrontEnd(Spec(false), "test/v1");
        var fbank = new KaldiFbank(frontEnd.Options);
        var expected = Enumerable.Range(0, 80).MinBy(b => Math.Abs(fbank.CenterFrequencies[b] - 1000));

        var features = frontEnd.Compute(Sine(1000, 16000, 1), 16000);

        Assert.Equal(98, features.Frames); // 1 + (16000 − 400) / 160: 25 ms windows every 10 ms
        Assert.Equal(80, features.Bins);
        var row = features.Row(50).ToArray();
        Assert.InRange(Array.IndexOf(row, row.Max()), expected - 1, expected + 1);
    }

    [Fact]
    public void Compute_At44100_ResamplesToTheSameFeatures()
    {
        var frontEnd = new FeatureFrontEnd(Spec(false), "test/v1");

        var native = frontEnd.Compute(Sine(440, 16000, 1), 16000);
        var resampled = frontEnd.Compute(Sine(440, 44100, 1), 44100);

        Assert.Equal(native.Frames, resampled.Frames);
        var middle = native.Row(50).ToArray();
        var other = resampled.Row(50).ToArray();
        var loud = Enumerable.Range(0, 80).Where(b => middle[b] > middle.Max() - 10).ToArray();
        Assert.All(loud, b => Assert.InRange(other[b] - middle[b], -0.5, 0.5));
    }

    [Fact]
    public void Compute_MeanNormalize_ColumnsAverageZero()
    {
        var frontEnd = new FeatureFrontEnd(Spec(true), "test/v1");

        var features = frontEnd.Compute(Sine(700, 16000, 0.5), 16000);

        for (var b = 0; b < 80; b++)
        {
            var mean = Enumerable.Range(0, features.Frames).Average(f => features[f, b]);
            Assert.InRange(mean, -1e-3, 1e-3);
        }
    }

    [Fact]
    public void Compute_Silence_IsLogEpsilonEverywhere()
    {
        var frontEnd = new FeatureFrontEnd(Spec(false), "test/v1");

        var features = frontEnd.Compute(new float[16000], 16000);

        Assert.All(features.Data, v => Assert.Equal(Math.Log(1.1920929e-07), v, 3));
    }

    [Fact]
    public void Constructor_OtherFeatureType_NotSupported()
    {
        var ex = Assert.Throws<NotSupportedException>(() => new FeatureFrontEnd(Spec(false) with { Type = "mfcc" }, "x/v1"));

        Assert.Contains("mfcc", ex.Message, StringComparison.Ordinal);
    }
}
