using VoiceFleet.Audio.Dsp;
using VoiceFleet.Audio.Features;
using VoiceFleet.Models.Manifest;

namespace VoiceFleet.Encoders.Embeddings;

/// <summary>
/// The audio front end an encoder bundle declares in its manifest's <c>features</c>: band-limited
/// resampling to its rate, then Kaldi fbank (povey window, no dither, the manifest's bins, frame length
/// and shift, and per-utterance mean subtraction when it says so).
/// </summary>
internal sealed class FeatureFrontEnd
{
    private readonly KaldiFbank _fbank;

    public FeatureFrontEnd(FeatureSpec spec, string encoder)
    {
        if (!string.Equals(spec.Type, "kaldi-fbank", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Encoder {encoder} reads '{spec.Type}' features; this service computes 'kaldi-fbank' only.");
        }

        SampleRate = spec.SampleRate;
        Options = new FbankOptions
        {
            SampleRate = spec.SampleRate,
            NumBins = spec.Bins,
            FrameLengthMs = spec.FrameLengthMs,
            FrameShiftMs = spec.FrameShiftMs,
            MeanNormalize = spec.MeanNormalize,
            Dither = 0,
            Window = "povey",
        };
        _fbank = new KaldiFbank(Options);
    }

    /// <summary>The rate the encoder reads, Hz.</summary>
    public int SampleRate { get; }

    public FbankOptions Options { get; }

    /// <summary>The shortest input (at <see cref="SampleRate"/>) that gives one frame.</summary>
    public int MinSamples => _fbank.FrameLength;

    /// <summary>Features of <paramref name="samples"/> at <paramref name="sampleRate"/>.</summary>
    public FeatureMatrix Compute(ReadOnlySpan<float> samples, int sampleRate)
    {
        var resampled = sampleRate == SampleRate ? samples.ToArray() : SincResampler.Resample(samples, sampleRate, SampleRate);
        if (resampled.Length < _fbank.FrameLength)
        {
            // Shorter than one analysis window: pad with silence rather than fail (validation already bounds length).
            Array.Resize(ref resampled, _fbank.FrameLength);
        }

        return _fbank.Compute(resampled);
    }
}
