using VoiceFleet.Audio.Watermarking;

namespace VoiceFleet.Audio.Tests.Watermarking;

public sealed class WatermarkSegmentTests
{
    private static readonly Watermarker s_watermarker = new();

    [Theory]
    [InlineData(16_000, 256)]
    [InlineData(22_050, 1764)]
    [InlineData(24_000, 384)]
    [InlineData(44_100, 3528)]
    [InlineData(48_000, 768)]
    public void SegmentGrid_CommonRates_IsAWholeNumberOfAnalysisHops(int rate, int expected)
    {
        int grid = Watermarker.SegmentGrid(rate);

        Assert.Equal(expected, grid);
        Assert.Equal(0, (long)grid * Watermarker.AnalysisSampleRate % ((long)rate * 256));
    }

    [Fact]
    public void EmbedSegment_SentencesMarkedOneByOne_WholeOutputIsDetectedFromTheStart()
    {
        const int rate = 22_050;
        const uint payload = 0x5EED1234;
        int grid = Watermarker.SegmentGrid(rate);
        var output = new List<float>();
        foreach (var (seconds, seed) in new[] { (0.7, 1), (0.35, 2), (1.1, 3) })
        {
            // Each sentence followed by a pause that brings the next start onto the grid.
            float[] sentence = SpeechLikeSignal.Voice(rate, seconds, seed);
            int padded = (sentence.Length + rate / 10 + grid - 1) / grid * grid;
            var segment = new float[padded];
            sentence.CopyTo(segment, 0);

            var marked = s_watermarker.EmbedSegment(segment, rate, payload, output.Count);

            output.AddRange(marked.Audio);
        }

        var detection = s_watermarker.Detect(output.ToArray(), rate);

        Assert.True(detection.Detected, $"presence {detection.PresenceScore:0.0}, payload probability {detection.PayloadProbability:0.000}");
        Assert.Equal(payload, detection.Payload);
    }

    [Fact]
    public void EmbedSegment_AtStartZero_EqualsEmbed()
    {
        float[] host = SpeechLikeSignal.Voice(22_050, 1, seed: 4);

        var whole = s_watermarker.Embed(host, 22_050, 7);
        var segment = s_watermarker.EmbedSegment(host, 22_050, 7, 0);

        Assert.Equal(whole.Audio, segment.Audio);
    }

    [Fact]
    public void EmbedSegment_SilentOrTooShort_ComesBackUnchanged()
    {
        var silent = new float[4000];
        var tiny = SpeechLikeSignal.Voice(22_050, 0.5, seed: 5)[..600];

        var a = s_watermarker.EmbedSegment(silent, 22_050, 1, 0);
        var b = s_watermarker.EmbedSegment(tiny, 22_050, 1, 1764);

        Assert.Equal(silent, a.Audio);
        Assert.Equal(double.NegativeInfinity, a.WsrDb);
        Assert.Equal(tiny, b.Audio);
    }

    [Fact]
    public void EmbedSegment_StartOffTheGrid_Throws()
    {
        float[] host = SpeechLikeSignal.Voice(22_050, 1, seed: 6);

        Assert.Throws<ArgumentOutOfRangeException>(() => s_watermarker.EmbedSegment(host, 22_050, 1, 1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => s_watermarker.EmbedSegment(host, 22_050, 1, -1764));
    }
}
