using Microsoft.Extensions.Options;
using VoiceFleet.Encoders.Configuration;
using VoiceFleet.Encoders.Diagnostics;

namespace VoiceFleet.Encoders.Embeddings;

/// <summary>
/// Admission for encoder runs: at most <c>MaxConcurrentEncodes</c> at once, at most
/// <c>MaxQueuedEncodes</c> waiting; beyond that a call fails at once with RESOURCE_EXHAUSTED.
/// </summary>
internal sealed class EncodeGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly int _maxQueued;
    private int _waiting;

    public EncodeGate(IOptions<EncodersOptions> options)
    {
        _slots = new SemaphoreSlim(options.Value.MaxConcurrentEncodes, options.Value.MaxConcurrentEncodes);
        _maxQueued = options.Value.MaxQueuedEncodes;
    }

    /// <summary>Runs <paramref name="work"/> on the thread pool once a slot is free.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, T> work, CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            if (Interlocked.Increment(ref _waiting) > _maxQueued)
            {
                Interlocked.Decrement(ref _waiting);
                throw Errors.ResourceExhausted($"the encoders are busy ({_maxQueued} runs already waiting); retry in about a second.");
            }

            try
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        try
        {
            return await Task.Run(() => work(cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
