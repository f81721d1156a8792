namespace VoiceFleet.Text.Espeak;

/// <summary>
/// One caller at a time, with a bounded queue: a caller that would make more than <c>limit</c> wait is refused at once
/// (<see cref="EspeakBusyException"/>) instead of piling up behind a non-thread-safe library; waiting honours cancellation.
/// </summary>
internal sealed class BoundedGate(int limit) : IDisposable
{
    private readonly SemaphoreSlim semaphore = new(1, 1);
    private int waiting;

    /// <inheritdoc />
    public void Dispose() => semaphore.Dispose();

    /// <summary>Callers waiting now.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>Waits for the gate.</summary>
    /// <exception cref="EspeakBusyException">The queue is full.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    public async ValueTask<Releaser> EnterAsync(CancellationToken cancellationToken)
    {
        Admit();
        try
        {
            await semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }

        return new Releaser(semaphore);
    }

    /// <summary>Waits for the gate, blocking the thread.</summary>
    public Releaser Enter(CancellationToken cancellationToken)
    {
        Admit();
        try
        {
            semaphore.Wait(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }

        return new Releaser(semaphore);
    }

    private void Admit()
    {
        if (Interlocked.Increment(ref waiting) > limit)
        {
            Interlocked.Decrement(ref waiting);
            throw new EspeakBusyException();
        }
    }

    /// <summary>Leaves the gate when disposed.</summary>
    public readonly struct Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => semaphore.Release();
    }
}
