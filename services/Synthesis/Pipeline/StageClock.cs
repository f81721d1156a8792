using System.Diagnostics;

namespace VoiceFleet.Synthesis.Pipeline;

/// <summary>Adds up the time a request spends in each named stage (thread-safe: stages run in parallel).</summary>
internal sealed class StageClock
{
    private readonly Lock gate = new();
    private readonly List<(string Stage, TimeSpan Duration)> totals = [];

    /// <summary>Stage totals in the order stages first appeared.</summary>
    public IReadOnlyList<(string Stage, TimeSpan Duration)> Totals
    {
        get
        {
            lock (gate)
            {
                return [.. totals];
            }
        }
    }

    public void Add(string stage, TimeSpan duration)
    {
        lock (gate)
        {
            var index = totals.FindIndex(t => t.Stage == stage);
            if (index < 0)
            {
                totals.Add((stage, duration));
            }
            else
            {
                totals[index] = (stage, totals[index].Duration + duration);
            }
        }
    }

    public async Task<T> TimeAsync<T>(string stage, Func<Task<T>> work)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            Add(stage, Stopwatch.GetElapsedTime(started));
        }
    }
}
