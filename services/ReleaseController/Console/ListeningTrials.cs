using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Regression;

namespace VoiceFleet.ReleaseController.Console;

/// <summary>One blind A/B trial: the same golden-set item spoken by both slots, in an order only the server knows.</summary>
/// <param name="Id">Random, unguessable.</param>
/// <param name="ReleaseId">The release whose canary and stable are compared.</param>
/// <param name="Item">The golden-set item spoken.</param>
/// <param name="A">Clip labelled A.</param>
/// <param name="B">Clip labelled B.</param>
/// <param name="Rater">The caller that asked for it; only they may rate it.</param>
/// <param name="Created">When it was made.</param>
internal sealed record ListeningTrial(string Id, string ReleaseId, GoldenItem Item, TrialClip A, TrialClip B, string Rater, DateTimeOffset Created);

/// <summary>One clip of a trial and where it came from (never shown to the listener before rating).</summary>
internal sealed record TrialClip(Track Track, Slot Slot, string ModelVersion, byte[] Wav);

/// <summary>Trials waiting for their ratings, in memory: bounded in number and age.</summary>
internal sealed class ListeningTrials(IOptions<ConsoleOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ListeningTrial> _trials = new(StringComparer.Ordinal);

    public static string NewId() => "trial_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public void Add(ListeningTrial trial)
    {
        Sweep();
        _trials[trial.Id] = trial;
    }

    public ListeningTrial? Get(string id)
    {
        Sweep();
        return _trials.TryGetValue(id, out var trial) ? trial : null;
    }

    /// <summary>Takes the trial out (once rated); false when it is gone.</summary>
    public bool Remove(string id) => _trials.TryRemove(id, out _);

    private void Sweep()
    {
        var settings = options.Value;
        var oldest = time.GetUtcNow() - settings.TrialLifetime;
        foreach (var (id, trial) in _trials)
        {
            if (trial.Created < oldest)
            {
                _trials.TryRemove(id, out _);
            }
        }

        var excess = _trials.Count - settings.MaxTrials + 1;
        if (excess > 0)
        {
            foreach (var trial in _trials.Values.OrderBy(t => t.Created).Take(excess))
            {
                _trials.TryRemove(trial.Id, out _);
            }
        }
    }
}
