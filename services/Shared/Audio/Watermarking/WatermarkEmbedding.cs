namespace VoiceFleet.Audio.Watermarking;

/// <summary>What <see cref="Watermarker.Embed"/> returns: the marked audio and how loud the mark is.</summary>
public sealed class WatermarkEmbedding
{
    internal WatermarkEmbedding(float[] audio, int sampleRate, uint payload, double wsrDb)
    {
        Audio = audio;
        SampleRate = sampleRate;
        Payload = payload;
        WsrDb = wsrDb;
    }

    /// <summary>The marked audio: as many samples as the input, at the same rate.</summary>
    public float[] Audio { get; }

    /// <summary>The sample rate of <see cref="Audio"/> in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>The 32-bit payload the mark carries.</summary>
    public uint Payload { get; }

    /// <summary>
    /// The measured watermark-to-signal ratio in dB: 10·log10(Σ(output − input)² / Σ input²) over the whole clip,
    /// after rounding to float (the target, to a few thousandths of a dB).
    /// </summary>
    public double WsrDb { get; }
}
