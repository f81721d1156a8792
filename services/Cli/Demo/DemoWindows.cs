namespace VoiceFleet.Cli.Demo;

/// <summary>
/// Sizes the demo's observation windows to the traffic the machine serves. Each window's analysis needs at least
/// <c>min_requests</c> canary requests; at the first step's weight a short window on busy cores holds fewer, the window
/// is inconclusive, and after the plan's inconclusive limit the controller pauses the release to wait for an operator,
/// which a demo does not have (seen on two shared cores: 3 s windows at 20 % held 1–9 canary requests).
/// </summary>
internal static class DemoWindows
{
    /// <summary>Canary requests expected in a window over the minimum the gates need, for the rate's swings.</summary>
    public const double Margin = 1.5;

    /// <summary>The longest window chosen; a machine that needs more is too busy for the demo to be short.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The window, at least <paramref name="shortest"/> and at most <see cref="Longest"/> (or <paramref name="shortest"/>
    /// when that is longer), in which <paramref name="requestsPerSecond"/> at <paramref name="firstWeightBps"/> give the
    /// canary <see cref="Margin"/> times <paramref name="minRequests"/>; rounded up to half seconds.
    /// </summary>
    public static TimeSpan Fit(double requestsPerSecond, TimeSpan shortest, int firstWeightBps, int minRequests)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(firstWeightBps);
        var longest = Longest > shortest ? Longest : shortest;
        if (requestsPerSecond <= 0 || double.IsNaN(requestsPerSecond))
        {
            return longest;
        }

        var seconds = minRequests * Margin / (requestsPerSecond * firstWeightBps / 10000.0);
        var fitted = TimeSpan.FromSeconds(Math.Ceiling(Math.Min(seconds, longest.TotalSeconds) * 2) / 2);
        return fitted < shortest ? shortest : fitted > longest ? longest : fitted;
    }
}
