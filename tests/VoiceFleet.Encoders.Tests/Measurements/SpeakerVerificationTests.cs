using VoiceFleet.Contracts.V1;
using VoiceFleet.Encoders.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace VoiceFleet.Encoders.Tests.Measurements;

/// <summary>
/// Speaker verification through the real service: 20 random speakers of the forge's speaker space, 5
/// utterances each (different sentences and seeds, some with a mild emotion), embedded by EmbedSpeaker
/// over gRPC. Reports the within- and across-speaker cosine distributions and the equal-error rate.
/// </summary>
[Collection(ForgedModelsGroup.Name)]
public sealed class SpeakerVerificationTests(ForgedModels models, ITestOutputHelper output)
{
    private const int Speakers = 20;
    private const int Utterances = 5;

    [Fact]
    public async Task EmbedSpeaker_TwentySpeakersFiveUtterances_SeparatesSpeakers()
    {
        var database = EncodersHost.NewDatabasePath();
        try
        {
            await using var service = await EncodersHost.StartAsync(models, database, "--Encoders:AuditSpeakerEmbeddings=false");
            var client = new EncodersClient(service.Channel);
            var random = new Random(20260521);
            var embeddings = new List<(int Speaker, float[] Vector)>();
            for (var s = 0; s < Speakers; s++)
            {
                float[] code = [(float)((random.NextDouble() * 2) - 1), (float)((random.NextDouble() * 2) - 1), (float)((random.NextDouble() * 2) - 1)];
                var speaker = ForgedModels.Speaker(code, 0xA11CE000UL + (ulong)s);
                for (var u = 0; u < Utterances; u++)
                {
                    var mood = u == Utterances - 1 ? models.Emotion(models.Emotions.Labels[1 + random.Next(6)], 0.3f) : null;
                    var clip = models.SpeakFor(3.5, speaker, mood, firstSentence: (s + (u * 2)) % ForgedModels.Sentences.Length);
                    var response = await client.EmbedSpeakerAsync(new EmbedSpeakerRequest { Audio = TestClips.Wav(clip, models.SampleRate) });
                    embeddings.Add((s, [.. response.Embedding.Values]));
                }
            }

            var within = new List<double>();
            var across = new List<double>();
            for (var i = 0; i < embeddings.Count; i++)
            {
                for (var j = i + 1; j < embeddings.Count; j++)
                {
                    var cosine = Cosine(embeddings[i].Vector, embeddings[j].Vector);
                    (embeddings[i].Speaker == embeddings[j].Speaker ? within : across).Add(cosine);
                }
            }

            var (eer, threshold) = EqualErrorRate(within, across);
            output.WriteLine($"within-speaker cosine: n={within.Count} mean={within.Average():F3} sd={Sd(within):F3} p5={Percentile(within, 5):F3} p50={Percentile(within, 50):F3} min={within.Min():F3}");
            output.WriteLine($"across-speaker cosine: n={across.Count} mean={across.Average():F3} sd={Sd(across):F3} p50={Percentile(across, 50):F3} p95={Percentile(across, 95):F3} max={across.Max():F3}");
            output.WriteLine($"EER {eer:P2} at cosine threshold {threshold:F3}");

            Assert.Equal(Speakers * 10, within.Count);
            Assert.True(within.Average() > across.Average() + 0.3, $"within {within.Average():F3}, across {across.Average():F3}");
            Assert.True(eer < 0.15, $"EER {eer:P2}");
        }
        finally
        {
            EncodersHost.DeleteDatabase(database);
        }
    }

    /// <summary>The rate where false accepts (across ≥ t) equal false rejects (within &lt; t), over every threshold seen.</summary>
    internal static (double Eer, double Threshold) EqualErrorRate(List<double> within, List<double> across)
    {
        var best = (Gap: double.MaxValue, Eer: 1.0, Threshold: 0.0);
        foreach (var t in within.Concat(across).Order())
        {
            var falseReject = within.Count(s => s < t) / (double)within.Count;
            var falseAccept = across.Count(s => s >= t) / (double)across.Count;
            var gap = Math.Abs(falseReject - falseAccept);
            if (gap < best.Gap)
            {
                best = (gap, (falseReject + falseAccept) / 2, t);
            }
        }

        return (best.Eer, best.Threshold);
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }

    private static double Sd(List<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Round(p / 100 * (sorted.Length - 1))];
    }
}
