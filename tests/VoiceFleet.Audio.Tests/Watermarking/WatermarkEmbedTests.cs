using VoiceFleet.Audio.Watermarking;

namespace VoiceFleet.Audio.Tests.Watermarking;

public sealed class WatermarkEmbedTests
{
    private const int Rate = 22050;
    private static readonly Watermarker s_watermarker = new();

    [Theory]
    [InlineData(16000)]
    [InlineData(22050)]
    [InlineData(48000)]
    public void Embed_SpeechLikeHost_AddsTheMarkAtTheTargetWsr(int rate)
    {
        float[] host = SpeechLikeSignal.Voice(rate, 1, seed: 1);

        WatermarkEmbedding embedding = s_watermarker.Embed(host, rate, 0xCAFEF00D);

        Assert.Equal(host.Length, embedding.Audio.Length);
        Assert.Equal(rate, embedding.SampleRate);
        Assert.Equal(0xCAFEF00Du, embedding.Payload);
        Assert.Equal(-38, embedding.WsrDb, 0.01);
        Assert.Equal(-38, MeasuredWsrDb(host, embedding.Audio), 0.01);
        Assert.True(embedding.WsrDb < WatermarkOptions.MaxWsrDb);
    }

    [Fact]
    public void Embed_ConfiguredWsr_IsMet()
    {
        var quiet = new Watermarker(new WatermarkOptions { TargetWsrDb = -45 });
        float[] host = SpeechLikeSignal.Whisper(Rate, 1, seed: 2);

        WatermarkEmbedding embedding = quiet.Embed(host, Rate, 1);

        Assert.Equal(-45, embedding.WsrDb, 0.01);
    }

    [Fact]
    public void Embed_Pauses_CarryFarLessMarkThanSpeech()
    {
        float[] host = SpeechLikeSignal.Voice(Rate, 3, seed: 3);
        float[] marked = s_watermarker.Embed(host, Rate, 0x12345678).Audio;

        // 20 ms frames: speech where the host is louder than −40 dBFS; pause where it is silent for 60 ms around.
        int frame = Rate / 50;
        double speech = 0, pause = 0;
        int speechFrames = 0, pauseFrames = 0;
        for (int f = 1; f + 2 < host.Length / frame; f++)
        {
            double hostRms = TestSignals.Rms(host, f * frame, (f + 1) * frame);
            double markPower = MarkPower(host, marked, f * frame, (f + 1) * frame);
            if (hostRms > 0.01)
            {
                speech += markPower;
                speechFrames++;
            }
            else if (TestSignals.Rms(host, (f - 1) * frame, (f + 2) * frame) == 0)
            {
                pause += markPower;
                pauseFrames++;
            }
        }

        Assert.True(speechFrames > 50 && pauseFrames > 10, $"{speechFrames} speech and {pauseFrames} pause frames");
        double ratioDb = 10 * Math.Log10(pause / pauseFrames / (speech / speechFrames) + 1e-30);
        Assert.True(ratioDb < -40, $"mark in pauses {ratioDb:0.0} dB relative to speech");
    }

    [Fact]
    public void Embed_SameInputs_GiveTheSameSamples()
    {
        float[] host = SpeechLikeSignal.Voice(Rate, 1, seed: 4);

        float[] first = s_watermarker.Embed(host, Rate, 99).Audio;
        float[] second = new Watermarker().Embed(host, Rate, 99).Audio;

        Assert.Equal(first, second);
    }

    [Fact]
    public void Embed_DifferentPayloads_DifferOnlyInTheMark()
    {
        float[] host = SpeechLikeSignal.Voice(Rate, 1, seed: 4);

        float[] a = s_watermarker.Embed(host, Rate, 1).Audio;
        float[] b = s_watermarker.Embed(host, Rate, 2).Audio;

        Assert.NotEqual(a, b);
        Assert.True(MeasuredWsrDb(host, a) < -37.9 && MeasuredWsrDb(host, b) < -37.9);
    }

    [Fact]
    public void Embed_DoesNotChangeItsInput()
    {
        float[] host = SpeechLikeSignal.Voice(Rate, 1, seed: 6);
        float[] copy = (float[])host.Clone();

        s_watermarker.Embed(host, Rate, 7);

        Assert.Equal(copy, host);
    }

    [Fact]
    public void Embed_BadInput_ThrowsNamingTheProblem()
    {
        float[] host = SpeechLikeSignal.Voice(Rate, 1, seed: 8);

        Assert.Contains("empty", Assert.Throws<ArgumentException>("audio", () => s_watermarker.Embed([], Rate, 1)).Message, StringComparison.Ordinal);
        float[] withNaN = (float[])host.Clone();
        withNaN[100] = float.NaN;
        Assert.Contains("Sample 100", Assert.Throws<ArgumentException>("audio", () => s_watermarker.Embed(withNaN, Rate, 1)).Message, StringComparison.Ordinal);
        float[] withInfinity = (float[])host.Clone();
        withInfinity[5] = float.PositiveInfinity;
        Assert.Throws<ArgumentException>("audio", () => s_watermarker.Embed(withInfinity, Rate, 1));
        Assert.Throws<ArgumentOutOfRangeException>("sampleRate", () => s_watermarker.Embed(host, 8000, 1));
        Assert.Throws<ArgumentOutOfRangeException>("sampleRate", () => s_watermarker.Embed(host, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>("sampleRate", () => s_watermarker.Embed(host, 1_000_000, 1));
        string tooShort = Assert.Throws<ArgumentException>("audio", () => s_watermarker.Embed(host.AsSpan(0, Rate / 4), Rate, 1)).Message;
        Assert.Contains("at least 500 ms", tooShort, StringComparison.Ordinal);
        Assert.Contains("silent", Assert.Throws<ArgumentException>("audio", () => s_watermarker.Embed(new float[Rate], Rate, 1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embed_Cancelled_Throws()
    {
        float[] host = SpeechLikeSignal.Voice(Rate, 1, seed: 9);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => s_watermarker.Embed(host, Rate, 1, cancellation.Token));
        Assert.Throws<OperationCanceledException>(() => s_watermarker.Detect(host, Rate, cancellation.Token));
    }

    [Fact]
    public void MinimumSamples_IsHalfASecond()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(500), Watermarker.MinimumDuration);
        Assert.Equal(11025, Watermarker.MinimumSamples(22050));
        Assert.Equal(8000, Watermarker.MinimumSamples(16000));
    }

    private static double MeasuredWsrDb(float[] host, float[] marked) =>
        10 * Math.Log10(MarkPower(host, marked, 0, host.Length) / MarkPower(new float[host.Length], host, 0, host.Length));

    private static double MarkPower(float[] host, float[] marked, int from, int to)
    {
        double sum = 0;
        for (int i = from; i < to; i++)
        {
            double d = (double)marked[i] - host[i];
            sum += d * d;
        }

        return sum / (to - from);
    }
}
