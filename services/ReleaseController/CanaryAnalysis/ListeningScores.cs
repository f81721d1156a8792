using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Storage;

namespace VoiceFleet.ReleaseController.CanaryAnalysis;

/// <summary>A mean opinion score: the mean of 1–5 scores with its 95 % confidence interval (Student's t).</summary>
/// <param name="Count">Scores behind it.</param>
/// <param name="Mean">Their mean; 0 when there are none.</param>
/// <param name="HalfWidth">Half the 95 % interval: mean ± this; 0 below two scores.</param>
internal sealed record MeanOpinion(int Count, double Mean, double HalfWidth)
{
    // Two-sided 97.5 % quantiles of Student's t for 1..30 degrees of freedom; beyond, the normal's 1.96 is close enough.
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    public static MeanOpinion Of(IEnumerable<int> scores)
    {
        var values = scores.Where(s => s is >= 1 and <= 5).Select(s => (double)s).ToArray();
        if (values.Length == 0)
        {
            return new MeanOpinion(0, 0, 0);
        }

        var mean = values.Average();
        if (values.Length < 2)
        {
            return new MeanOpinion(values.Length, mean, 0);
        }

        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        var df = values.Length - 1;
        var t = df <= T975.Length ? T975[df - 1] : 1.96;
        return new MeanOpinion(values.Length, mean, t * Math.Sqrt(variance / values.Length));
    }
}

/// <summary>One version's listening results in a release.</summary>
internal sealed record VersionOpinion(Track Track, string ModelVersion, MeanOpinion Naturalness, MeanOpinion EmotionFit, int Trials, int Preferred)
{
    /// <summary>Share of trials in which listeners preferred this version (trials with a preference only).</summary>
    public double PreferenceShare(int trialsWithPreference) => trialsWithPreference == 0 ? 0 : Preferred / (double)trialsWithPreference;
}

/// <summary>The listening results of a release: per track, from the stored ratings.</summary>
internal sealed record ListeningScores(VersionOpinion Stable, VersionOpinion Canary, int TrialsWithPreference)
{
    public static ListeningScores Of(Release release, IReadOnlyList<ListeningRating> ratings)
    {
        VersionOpinion For(Track track, string version)
        {
            var rows = ratings.Where(r => r.Track == track).ToList();
            return new VersionOpinion(
                track,
                rows.Count > 0 ? rows[^1].ModelVersion : version,
                MeanOpinion.Of(rows.Select(r => r.Naturalness)),
                MeanOpinion.Of(rows.Select(r => r.EmotionFit)),
                rows.Count,
                rows.Count(r => r.Preferred));
        }

        var withPreference = ratings.GroupBy(r => r.TrialId, StringComparer.Ordinal).Count(g => g.Any(r => r.Preferred));
        return new ListeningScores(For(Track.Stable, release.StableModelVersion), For(Track.Canary, release.ModelVersion), withPreference);
    }
}
