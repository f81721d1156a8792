namespace VoiceFleet.ReleaseController.CanaryAnalysis;

/// <summary>A Prometheus-style histogram over a window: observations per bucket (non-cumulative), by upper bound.</summary>
internal sealed class Histogram
{
    private readonly SortedDictionary<double, double> _cumulative = [];

    /// <summary>Adds to the cumulative count of bucket <c>le = <paramref name="upperBound"/></c> (+Inf allowed).</summary>
    public void AddCumulative(double upperBound, double count) =>
        _cumulative[upperBound] = _cumulative.GetValueOrDefault(upperBound) + count;

    /// <summary>Observations in the window.</summary>
    public double Count => _cumulative.Count == 0 ? 0 : _cumulative.Values.Max();

    /// <summary>(upper bound, observations in that bucket only), ascending; counts made monotone first.</summary>
    public IReadOnlyList<(double UpperBound, double Count)> Buckets
    {
        get
        {
            var result = new List<(double, double)>();
            var previous = 0.0;
            foreach (var (bound, cumulative) in _cumulative)
            {
                var monotone = Math.Max(previous, cumulative);
                result.Add((bound, monotone - previous));
                previous = monotone;
            }

            return result;
        }
    }

    /// <summary>
    /// The q-quantile, interpolated linearly inside its bucket as PromQL's histogram_quantile does
    /// (the lowest bucket starts at 0; a quantile in +Inf answers the highest finite bound). NaN when empty.
    /// </summary>
    public double Quantile(double q)
    {
        var total = Count;
        if (total <= 0)
        {
            return double.NaN;
        }

        var rank = q * total;
        var lower = 0.0;
        var seen = 0.0;
        var lastFinite = 0.0;
        foreach (var (bound, count) in Buckets)
        {
            if (seen + count >= rank && count > 0)
            {
                if (double.IsPositiveInfinity(bound))
                {
                    return lastFinite;
                }

                return lower + ((bound - lower) * ((rank - seen) / count));
            }

            seen += count;
            if (!double.IsPositiveInfinity(bound))
            {
                lower = bound;
                lastFinite = bound;
            }
        }

        return lastFinite;
    }
}
