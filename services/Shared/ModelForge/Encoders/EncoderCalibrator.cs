using VoiceFleet.Audio.Dsp;
using VoiceFleet.Audio.Features;
using VoiceFleet.ModelForge.Numerics;
using VoiceFleet.ModelForge.Voice;
using VoiceFleet.Onnx.Runtime;

namespace VoiceFleet.ModelForge.Encoders;

/// <summary>
/// Fits the forged encoders to the forged voice: the baseline voice speaks a calibration set (speakers with
/// known timbre codes, every emotion at two strengths), the clips go through the same front end the Encoders
/// service uses (resampling to 16 kHz, Kaldi fbank without mean normalisation), the pooling graphs turn them
/// into statistics, and closed-form ridge regression (speaker code) and logistic regression (emotion) fit the
/// heads. Fitted constants are rounded so the tiny run-to-run differences of float kernels cannot change the
/// model bytes.
/// </summary>
internal sealed class EncoderCalibrator(OnnxRuntimeEnvironment? environment)
{
    public const int FeatureSampleRate = 16000;

    /// <summary>Bumped whenever the calibration procedure changes, so shipped calibrations are refitted.</summary>
    public const int Revision = 1;
    private const int BatchSize = 12;

    /// <summary>The fbank configuration of both encoders (also written to their manifests).</summary>
    public static FbankOptions Features { get; } = new() { SampleRate = FeatureSampleRate, NumBins = FeatureStatistics.Bins, MeanNormalize = false };

    /// <summary>Fits both encoders to the healthy voices given (speaker clips from the first; emotion clips from all, in turn).</summary>
    public (SpeakerCalibration Speaker, EmotionCalibration Emotion) Calibrate(IReadOnlyList<VoiceDesign> voices, CancellationToken cancellationToken)
    {
        var sessions = voices.Select(voice => OnnxSession.FromBytes(VoiceGraph.EndToEnd(voice), environment: environment)).ToArray();
        try
        {
            return Calibrate([.. sessions.Select(session => new VoiceRunner(session))], cancellationToken);
        }
        finally
        {
            foreach (var session in sessions)
            {
                session.Dispose();
            }
        }
    }

    private (SpeakerCalibration Speaker, EmotionCalibration Emotion) Calibrate(VoiceRunner[] runners, CancellationToken cancellationToken)
    {
        var random = new ForgeRandom(0xCA11B);
        var speakers = CalibrationSpeakers(random);

        // Speaker clips: every speaker on four calibration sentences (rotating through all of them), the last
        // with a mild random emotion, so the read-out learns timbre rather than text or mood.
        var speakerRequests = new List<(VoiceRequest Request, float[] Code)>();
        var sentences = ForgeCorpus.Calibration;
        for (var k = 0; k < speakers.Count; k++)
        {
            var (code, embedding) = speakers[k];
            for (var s = 0; s < 4; s++)
            {
                var mood = s < 3 ? EmotionSpace.Prototype(0) : Scale(EmotionSpace.Prototype(1 + (int)(random.NextDouble() * 6)), 0.35f);
                var sentence = sentences[((k * 4) + s) % sentences.Length];
                speakerRequests.Add((new VoiceRequest(ForgeCorpus.Encode(ForgeCorpus.Sentences[sentence]), embedding, mood, Seed: s), code));
            }
        }

        var speakerStats = Statistics(runners[0], SpeakerEncoderGraph.StatisticsOnly(), [.. speakerRequests.Select(r => r.Request)], cancellationToken);
        var speaker = FitSpeaker(speakerStats, [.. speakerRequests.Select(r => r.Code)]);

        // Emotion clips: twelve speakers, each on one of the healthy voices in turn and two calibration sentences,
        // every label (non-neutral at strengths 0.6 and 1), so the classifier learns emotion rather than voice.
        var emotionRequests = new List<(VoiceRequest Request, int Label)>();
        var emotionStats = new List<double[]>();
        for (var k = 0; k < 12; k++)
        {
            var embedding = speakers[k].Embedding;
            var requests = new List<(VoiceRequest Request, int Label)>();
            for (var label = 0; label < EmotionSpace.Labels.Length; label++)
            {
                foreach (var strength in label == 0 ? [1f] : new[] { 0.6f, 1f })
                {
                    foreach (var sentence in new[] { sentences[(k * 5) % sentences.Length], sentences[((k * 5) + 6) % sentences.Length] })
                    {
                        var request = new VoiceRequest(ForgeCorpus.Encode(ForgeCorpus.Sentences[sentence]), embedding, Scale(EmotionSpace.Prototype(label), strength), Seed: label + sentence);
                        requests.Add((request, label));
                    }
                }
            }

            emotionStats.AddRange(Statistics(runners[k % runners.Length], EmotionEncoderGraph.StatisticsOnly(), [.. requests.Select(r => r.Request)], cancellationToken));
            emotionRequests.AddRange(requests);
        }

        var emotion = FitEmotion([.. emotionStats], [.. emotionRequests.Select(r => r.Label)], [.. emotionRequests.Select(r => r.Request.Emotion)]);
        return (speaker, emotion);
    }

    /// <summary>Computes the encoder front end for a clip of forged audio: resample to 16 kHz, fbank, no mean normalisation.</summary>
    public static FeatureMatrix FrontEnd(ReadOnlySpan<float> audio22k)
    {
        var resampled = SincResampler.Resample(audio22k, VoiceDesign.SampleRate, FeatureSampleRate);
        return new KaldiFbank(Features).Compute(resampled);
    }

    private static List<(float[] Code, float[] Embedding)> CalibrationSpeakers(ForgeRandom random)
    {
        var speakers = new List<(float[], float[])>();
        for (var i = 0; i < SpeakerSpace.Presets.Length; i++)
        {
            speakers.Add((SpeakerSpace.Presets[i].Code, SpeakerSpace.PresetEmbedding(i)));
        }

        for (var i = 0; i < 19; i++)
        {
            var code = new float[SpeakerSpace.CodeLength];
            for (var c = 0; c < code.Length; c++)
            {
                code[c] = (float)random.NextDouble(-1, 1);
            }

            speakers.Add((code, SpeakerSpace.Embed(code, 0xCA1_0000UL + (ulong)i)));
        }

        return speakers;
    }

    private double[][] Statistics(VoiceRunner runner, byte[] statisticsModel, VoiceRequest[] requests, CancellationToken cancellationToken)
    {
        using var statistics = OnnxSession.FromBytes(statisticsModel, environment: environment);
        var output = statistics.Outputs[0].Name;
        var rows = new double[requests.Length][];
        for (var start = 0; start < requests.Length; start += BatchSize)
        {
            var batch = requests.AsSpan(start, Math.Min(BatchSize, requests.Length - start)).ToArray();
            var audio = runner.Speak(batch, cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                var feats = FrontEnd(audio[i]);
                var result = statistics.Run(
                    new Dictionary<string, OnnxTensor> { ["feats"] = OnnxTensor.Create(feats.Data, [1, feats.Frames, feats.Bins]) },
                    cancellationToken: cancellationToken);
                rows[start + i] = [.. result[output].ToArray<float>().Select(v => (double)v)];
            }
        }

        return rows;
    }

    private static SpeakerCalibration FitSpeaker(double[][] stats, float[][] codes)
    {
        var (mean, scale, z) = Standardise(stats);
        var targets = codes.Select(c => c.Select(v => (double)v).ToArray()).ToArray();

        // Pitch is read from the low band only (the F0 proxies and the lowest bins), lightly regularised; formant
        // scale and tilt from the whole spectrum, more strongly regularised (160-odd inputs, ~100 clips).
        var all = Enumerable.Range(0, FeatureStatistics.SpeakerLength).ToArray();
        var lowBand = Enumerable.Range(0, 20)
            .Concat(Enumerable.Range(FeatureStatistics.Bins, 20))
            .Concat(Enumerable.Range(2 * FeatureStatistics.Bins, FeatureStatistics.SpeakerLength - (2 * FeatureStatistics.Bins)))
            .ToArray();
        var weights = new double[FeatureStatistics.SpeakerLength * SpeakerSpace.CodeLength];
        var bias = new double[SpeakerSpace.CodeLength];
        foreach (var (component, features, lambda) in new[] { (0, lowBand, 3.0), (1, all, 30.0), (2, all, 30.0) })
        {
            var x = z.Select(row => features.Select(f => row[f]).ToArray()).ToArray();
            var y = targets.Select(t => new[] { t[component] }).ToArray();
            var (w, b) = Regression.Ridge(x, y, lambda);
            for (var i = 0; i < features.Length; i++)
            {
                weights[(features[i] * SpeakerSpace.CodeLength) + component] = w[i];
            }

            bias[component] = b[0];
        }

        var roundedWeights = Round(weights);
        var roundedBias = Round(bias);

        var error = 0.0;
        for (var i = 0; i < z.Length; i++)
        {
            for (var c = 0; c < SpeakerSpace.CodeLength; c++)
            {
                var predicted = roundedBias[c];
                for (var a = 0; a < z[i].Length; a++)
                {
                    predicted += (float)z[i][a] * roundedWeights[(a * SpeakerSpace.CodeLength) + c];
                }

                error += Math.Pow(predicted - targets[i][c], 2);
            }
        }

        return new SpeakerCalibration(mean, scale, roundedWeights, roundedBias, Math.Sqrt(error / (z.Length * SpeakerSpace.CodeLength)), z.Length);
    }

    private static EmotionCalibration FitEmotion(double[][] prosody, int[] labels, float[][] embeddings)
    {
        var (mean, scale, standardised) = Standardise(prosody);
        var z = standardised.Select(EmotionEncoderGraph.Expand).ToArray();
        var (weights, bias, accuracy) = Regression.Softmax(z, labels, EmotionSpace.Labels.Length, iterations: 3000, rate: 0.5, decay: 1e-3);

        // The embedding head regresses the requested embedding itself (strength × prototype), so strength and
        // mixtures come back, not only the most likely label.
        var targets = embeddings.Select(e => e.Select(v => (double)v).ToArray()).ToArray();
        var (embeddingWeights, embeddingBias) = Regression.Ridge(z, targets, lambda: 0.3);
        return new EmotionCalibration(mean, scale, Round(weights), Round(bias), Round(embeddingWeights), Round(embeddingBias), accuracy, z.Length);
    }

    private static (float[] Mean, float[] Scale, double[][] Standardised) Standardise(double[][] rows)
    {
        var d = rows[0].Length;
        var mean = new double[d];
        var variance = new double[d];
        foreach (var row in rows)
        {
            for (var a = 0; a < d; a++)
            {
                mean[a] += row[a] / rows.Length;
            }
        }

        foreach (var row in rows)
        {
            for (var a = 0; a < d; a++)
            {
                variance[a] += Math.Pow(row[a] - mean[a], 2) / rows.Length;
            }
        }

        var roundedMean = Round(mean);
        var roundedScale = Round([.. variance.Select(v => Math.Max(Math.Sqrt(v), 1e-3))]);
        var standardised = rows
            .Select(row => Enumerable.Range(0, d).Select(a => (row[a] - roundedMean[a]) / roundedScale[a]).ToArray())
            .ToArray();
        return (roundedMean, roundedScale, standardised);
    }

    private static float[] Round(double[] values) => [.. values.Select(v => (float)Math.Round(v, 3, MidpointRounding.ToEven))];

    private static float[] Scale(float[] vector, float factor) => [.. vector.Select(v => v * factor)];
}
