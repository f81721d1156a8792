using VoiceFleet.Audio.Features;
using VoiceFleet.ModelForge.Graph;
using VoiceFleet.Onnx;

namespace VoiceFleet.ModelForge.Encoders;

/// <summary>
/// The pooling front of both forged encoders, written into their graphs: from 80-bin log-mel filterbank
/// frames [B, T, 80] (Kaldi fbank, no mean normalisation) it keeps the speech frames (within 5 nats, about
/// 22 dB, of the loudest) and pools statistics over them.
/// </summary>
internal static class FeatureStatistics
{
    public const int Bins = 80;

    /// <summary>Length of <see cref="SpeakerStatistics"/>: the gain-normalised mean spectrum, the per-bin deviation and the low-band centroid's mean and spread.</summary>
    public const int SpeakerLength = (2 * Bins) + 4;

    /// <summary>Names of the <see cref="ProsodyStatistics"/>, in order.</summary>
    public static readonly string[] ProsodyNames =
        [
            "energyMean", "energyDeviation", "spectralTilt", "upperTilt", "spectralFlux", "speechRatio",
            "lowPeakSemitones", "lowPeakDeviation", "lowPeakJitter",
        ];

    /// <summary>Declares the features input [B, T, 80] and returns its name.</summary>
    public static string DeclareInput(GraphWriter g)
    {
        g.Model.AddInput("feats", OnnxElementType.Float, "batch", "frames", Bins);
        return "feats";
    }

    /// <summary>[B, 160]: the mean log-mel spectrum over speech frames less its own mean (so loudness drops out), then the per-bin standard deviation.</summary>
    public static string SpeakerStatistics(GraphWriter g, string feats)
    {
        var frame = SpeechFrames(g, feats);
        var mean = g.Div(g.ReduceSum(g.Mul(feats, frame.Weights3), 1, keepDims: false), frame.Count); // [B, 80]
        var centred = g.Sub(feats, g.Unsqueeze(mean, 1));
        var variance = g.Div(g.ReduceSum(g.Mul(g.Mul(centred, centred), frame.Weights3), 1, keepDims: false), frame.Count);
        var deviation = g.Sqrt(g.Add(variance, g.Scalar(1e-6f)));
        var shape = g.Sub(mean, g.ReduceMean(mean, 1, keepDims: true));
        var centroid = LowBandCentroid(g, feats);
        var centroidMean = Pool(g, frame, centroid);
        var centroidDeviation = Spread(g, frame, centroid, centroidMean);
        var peak = LowBandCentroid(g, feats, bins: 16, sharpness: 3f);
        var peakMean = Pool(g, frame, peak);
        return g.Concat(1, shape, deviation, centroidMean, centroidDeviation, peakMean, g.Mul(peakMean, peakMean));
    }

    /// <summary>[B, 9]: loudness and its variation, two spectral tilts, spectral flux, speech ratio, and the mean, spread and frame-to-frame jitter of the low-band peak in semitones (an F0 proxy).</summary>
    public static string ProsodyStatistics(GraphWriter g, string feats)
    {
        var frame = SpeechFrames(g, feats);
        string Pool(string perFrame) => FeatureStatistics.Pool(g, frame, perFrame);
        string Spread(string perFrame, string mean) => FeatureStatistics.Spread(g, frame, perFrame, mean);

        var energyMean = Pool(frame.Energy);
        var energyDeviation = Spread(frame.Energy, energyMean);

        var high = g.ReduceMean(g.Slice(feats, 2, 50, Bins), 2, keepDims: false);
        var low = g.ReduceMean(g.Slice(feats, 2, 0, 30), 2, keepDims: false);
        var tilt = Pool(g.Sub(high, low));
        var top = g.ReduceMean(g.Slice(feats, 2, 60, Bins), 2, keepDims: false);
        var upper = g.ReduceMean(g.Slice(feats, 2, 30, 50), 2, keepDims: false);
        var upperTilt = Pool(g.Sub(top, upper));

        var later = g.Slice(feats, 1, 1, long.MaxValue);
        var earlier = g.Slice(feats, 1, 0, -1);
        var change = g.ReduceMean(g.Abs(g.Sub(later, earlier)), 2, keepDims: false); // [B, T-1]
        var pairs = g.Mul(g.Slice(frame.Weights, 1, 1, long.MaxValue), g.Slice(frame.Weights, 1, 0, -1));
        var flux = g.Div(g.ReduceSum(g.Mul(change, pairs), 1, keepDims: true), g.Max(g.ReduceSum(pairs, 1, keepDims: true), g.Scalar(1f)));

        var speechRatio = g.ReduceMean(frame.Weights, 1, keepDims: true);

        // The peak of the low band in semitones (log Hz): its spread and jitter are pitch range and tremor,
        // the same for every voice.
        var centroid = g.Mul(g.Log(LowBandCentroidHz(g, feats)), g.Scalar(12f / MathF.Log(2f)));
        var centroidMean = Pool(centroid);
        var centroidDeviation = Spread(centroid, centroidMean);
        var centroidChange = g.Abs(g.Sub(g.Slice(centroid, 1, 1, long.MaxValue), g.Slice(centroid, 1, 0, -1)));
        var centroidJitter = g.Div(g.ReduceSum(g.Mul(centroidChange, pairs), 1, keepDims: true), g.Max(g.ReduceSum(pairs, 1, keepDims: true), g.Scalar(1f)));

        return g.Concat(1, energyMean, energyDeviation, tilt, upperTilt, flux, speechRatio, centroidMean, centroidDeviation, centroidJitter);
    }

    /// <summary>
    /// Per frame [B, T]: the softmax-weighted centroid of the lowest bins (24 bins ≈ 20–850 Hz), which follows F0;
    /// a higher sharpness moves it towards the strongest bin (the first harmonics).
    /// </summary>
    private static string LowBandCentroid(GraphWriter g, string feats, int bins = 24, float sharpness = 1f)
    {
        var low = g.Slice(feats, 2, 0, bins);
        var lowBand = g.Softmax(sharpness == 1f ? low : g.Mul(low, g.Scalar(sharpness)), 2);
        var index = g.Constant("bin_index", [.. Enumerable.Range(0, bins).Select(i => (float)i)], bins, 1);
        return g.Squeeze(g.MatMul(lowBand, index), 2);
    }

    /// <summary>Per frame [B, T]: the sharpened softmax-weighted centre frequency (Hz) of the lowest 16 bins (≈ 20–550 Hz).</summary>
    private static string LowBandCentroidHz(GraphWriter g, string feats)
    {
        const int LowBins = 16;
        var centres = new KaldiFbank(new FbankOptions { NumBins = Bins }).CenterFrequencies;
        var lowBand = g.Softmax(g.Mul(g.Slice(feats, 2, 0, LowBins), g.Scalar(3f)), 2);
        var hz = g.Constant("bin_hz", [.. centres.Take(LowBins).Select(c => (float)c)], LowBins, 1);
        return g.Squeeze(g.MatMul(lowBand, hz), 2);
    }

    /// <summary>The mean of a per-frame value over speech frames [B, 1].</summary>
    private static string Pool(GraphWriter g, SpeechFrameWeights frame, string perFrame) =>
        g.Div(g.ReduceSum(g.Mul(perFrame, frame.Weights), 1, keepDims: true), frame.Count);

    /// <summary>The standard deviation of a per-frame value over speech frames [B, 1].</summary>
    private static string Spread(GraphWriter g, SpeechFrameWeights frame, string perFrame, string mean)
    {
        var d = g.Sub(perFrame, mean);
        return g.Sqrt(g.Add(Pool(g, frame, g.Mul(d, d)), g.Scalar(1e-6f)));
    }

    private static SpeechFrameWeights SpeechFrames(GraphWriter g, string feats)
    {
        var energy = g.ReduceMean(feats, 2, keepDims: false); // [B, T]
        var loudest = g.ReduceMax(energy, 1, keepDims: true);
        var weights = g.ToFloat(g.Greater(energy, g.Sub(loudest, g.Scalar(5f))));
        var count = g.Max(g.ReduceSum(weights, 1, keepDims: true), g.Scalar(1f)); // [B, 1]
        return new SpeechFrameWeights(energy, weights, g.Unsqueeze(weights, 2), count);
    }

    private sealed record SpeechFrameWeights(string Energy, string Weights, string Weights3, string Count);
}
