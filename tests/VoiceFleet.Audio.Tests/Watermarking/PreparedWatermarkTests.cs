using VoiceFleet.Audio.Watermarking;

namespace VoiceFleet.Audio.Tests.Watermarking;

public sealed class PreparedWatermarkTests
{
    private static readonly Watermarker s_watermarker = new();

    [Theory]
    [InlineData(16_000)]
    [InlineData(22_050)]
    [InlineData(48_000)]
    public void EmbedSegment_PreparedAhead_GivesTheSameSamplesAsMarkingFromScratch(int rate)
    {
        float[] host = SpeechLikeSignal.Voice(rate, 1.5, seed: 11);
        using PreparedWatermark prepared = s_watermarker.Prepare(0xFEEDBEEF, rate);

        prepared.Precompute(TimeSpan.FromSeconds(2));
        var ahead = s_watermarker.EmbedSegment(host, rate, prepared, 0);
        var scratch = s_watermarker.Embed(host, rate, 0xFEEDBEEF);

        Assert.Equal(scratch.Audio, ahead.Audio);
        Assert.Equal(0xFEEDBEEFu, ahead.Payload);
    }

    [Fact]
    public void EmbedSegment_SentencesWithOnePreparedMark_WholeOutputIsDetected()
    {
        const int rate = 22_050;
        int grid = Watermarker.SegmentGrid(rate);
        using PreparedWatermark prepared = s_watermarker.Prepare(0x0BADCAFE, rate);

        // Worked out for the first second only: the rest is computed when the segments need it.
        prepared.Precompute(TimeSpan.FromSeconds(1));
        var output = new List<float>();
        foreach (var (seconds, seed) in new[] { (0.9, 21), (0.4, 22), (1.3, 23) })
        {
            float[] sentence = SpeechLikeSignal.Voice(rate, seconds, seed);
            var segment = new float[(sentence.Length + rate / 10 + grid - 1) / grid * grid];
            sentence.CopyTo(segment, 0);
            output.AddRange(s_watermarker.EmbedSegment(segment, rate, prepared, output.Count).Audio);
        }

        var detection = s_watermarker.Detect(output.ToArray(), rate);

        Assert.True(detection.Detected, $"presence {detection.PresenceScore:0.0}");
        Assert.Equal(0x0BADCAFEu, detection.Payload);
    }

    [Fact]
    public async Task Precompute_WhileSegmentsAreMarked_GivesTheSameSamples()
    {
        const int rate = 24_000;
        float[] host = SpeechLikeSignal.Voice(rate, 3, seed: 31);
        float[] expected = s_watermarker.Embed(host, rate, 77).Audio;

        for (int round = 0; round < 5; round++)
        {
            using PreparedWatermark prepared = s_watermarker.Prepare(77, rate);
            var background = Task.Run(() => prepared.Precompute(TimeSpan.FromSeconds(3)));
            float[] marked = s_watermarker.EmbedSegment(host, rate, prepared, 0).Audio;
            await background;

            Assert.Equal(expected, marked);
        }
    }

    [Fact]
    public void EmbedSegment_PreparedForAnotherRateOrDisposed_Throws()
    {
        float[] host = SpeechLikeSignal.Voice(22_050, 1, seed: 41);
        using PreparedWatermark other = s_watermarker.Prepare(1, 16_000);
        PreparedWatermark disposed = s_watermarker.Prepare(1, 22_050);
        disposed.Dispose();

        Assert.Contains("16000 Hz", Assert.Throws<ArgumentException>("prepared", () => s_watermarker.EmbedSegment(host, 22_050, other, 0)).Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => s_watermarker.EmbedSegment(host, 22_050, disposed, 0));
        Assert.Throws<ArgumentOutOfRangeException>("sampleRate", () => s_watermarker.Prepare(1, 8_000));
    }

    [Fact]
    public void Precompute_Cancelled_ThrowsAndAfterDisposeDoesNothing()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        using PreparedWatermark prepared = s_watermarker.Prepare(1, 22_050);
        PreparedWatermark disposed = s_watermarker.Prepare(1, 22_050);
        disposed.Dispose();

        Assert.Throws<OperationCanceledException>(() => prepared.Precompute(TimeSpan.FromSeconds(1), cancellation.Token));
        disposed.Precompute(TimeSpan.FromSeconds(1));
    }
}
