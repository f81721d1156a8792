using System.Diagnostics;
using Microsoft.Extensions.Options;
using VoiceFleet.Synthesis.Configuration;
using VoiceFleet.Synthesis.Diagnostics;
using VoiceFleet.Synthesis.Models;

namespace VoiceFleet.Synthesis.Batching;

/// <summary>
/// Dynamic batching: sentences from concurrent requests wait in one queue, and each model worker takes the oldest
/// together with up to <see cref="ServingOptions.MaxBatchSize"/> − 1 others that share its scales, padded and run in
/// one model call. When other requests are in flight, a short batch waits up to
/// <see cref="ServingOptions.MaxBatchDelayMilliseconds"/> for company; a lone request never waits. Models that cannot
/// batch run one sentence per call. A batch's run is stopped (RunOptions terminate) once every sentence in it has been
/// cancelled.
/// </summary>
internal sealed class SentenceBatcher : IAsyncDisposable
{
    private readonly IVoiceModel model;
    private readonly ServingOptions options;
    private readonly SynthesisMetrics metrics;
    private readonly TimeProvider time;
    private readonly Func<int> activeRequests;
    private readonly LinkedList<Job> queue = new();
    private readonly Lock gate = new();
    private readonly SemaphoreSlim signal = new(0);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task[] workers;
    private readonly int maxBatch;
    private readonly ILogger logger;
    private long runs;

    public SentenceBatcher(IVoiceModel model, IOptions<ServingOptions> options, SynthesisMetrics metrics, TimeProvider time, Func<int> activeRequests, ILogger logger)
    {
        this.logger = logger;
        this.model = model;
        this.options = options.Value;
        this.metrics = metrics;
        this.time = time;
        this.activeRequests = activeRequests;
        maxBatch = model.Batchable ? this.options.MaxBatchSize : 1;
        workers = Enumerable.Range(0, this.options.ModelWorkers).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    /// <summary>Sentences waiting for a model run.</summary>
    public int QueueLength
    {
        get
        {
            lock (gate)
            {
                return queue.Count;
            }
        }
    }

    /// <summary>The most sentences one run takes: 1 for models that cannot batch.</summary>
    public int MaxBatchSize => maxBatch;

    /// <summary>Queues a sentence.</summary>
    public SentenceTicket Submit(SentenceInput input, InferenceScales scales, CancellationToken cancellationToken)
    {
        var job = new Job(input, scales, time.GetTimestamp(), cancellationToken);
        if (cancellationToken.IsCancellationRequested)
        {
            job.Cancel();
            return job.Ticket;
        }

        lock (gate)
        {
            queue.AddLast(job);
        }

        signal.Release();
        return job.Ticket;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        lock (gate)
        {
            foreach (var job in queue)
            {
                job.Cancel();
            }

            queue.Clear();
        }

        stopping.Dispose();
        signal.Dispose();
    }

    private async Task WorkAsync()
    {
        var stop = stopping.Token;
        while (!stop.IsCancellationRequested)
        {
            var batch = new List<Job>(maxBatch);
            try
            {
                if (!await FillAsync(batch, stop).ConfigureAwait(false))
                {
                    continue;
                }

                Run(batch, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A worker never dies: the sentences in hand fail with the error, the queue keeps being served.
                SynthesisLog.BatcherFault(logger, ex);
                foreach (var job in batch)
                {
                    job.Fail(ex);
                }
            }
        }
    }

    // Takes a batch from the queue, waiting for work and, when other requests are in flight, briefly for company.
    // False when there was nothing to take.
    private async Task<bool> FillAsync(List<Job> batch, CancellationToken stop)
    {
        Take(batch);
        if (batch.Count == 0)
        {
            await signal.WaitAsync(stop).ConfigureAwait(false);
            return false;
        }

        if (batch.Count < maxBatch && options.MaxBatchDelayMilliseconds > 0 && activeRequests() > Distinct(batch))
        {
            var until = time.GetTimestamp() + (long)(options.MaxBatchDelayMilliseconds / 1000.0 * time.TimestampFrequency);
            while (batch.Count < maxBatch && !stop.IsCancellationRequested)
            {
                // Measured once: a remaining time read twice can turn negative in between, which WaitAsync refuses.
                var remaining = time.GetElapsedTime(time.GetTimestamp(), until);
                if (remaining <= TimeSpan.Zero)
                {
                    break;
                }

                await signal.WaitAsync(remaining, stop).ConfigureAwait(false);
                Take(batch);
            }
        }

        return true;
    }

    // Moves the oldest live job and up to the batch size of others with its scales from the queue into `batch`.
    private void Take(List<Job> batch)
    {
        lock (gate)
        {
            var node = queue.First;
            while (node is not null && batch.Count < maxBatch)
            {
                var next = node.Next;
                var job = node.Value;
                if (job.CancellationToken.IsCancellationRequested)
                {
                    queue.Remove(node);
                    job.Cancel();
                }
                else if (batch.Count == 0 || job.Scales == batch[0].Scales)
                {
                    queue.Remove(node);
                    batch.Add(job);
                }

                node = next;
            }
        }
    }

    private static int Distinct(List<Job> batch) => batch.Select(j => j.CancellationToken).Distinct().Count();

    private void Run(List<Job> batch, CancellationToken stop)
    {
        var started = time.GetTimestamp();
        using var all = new AllCancelled(batch.Select(j => j.CancellationToken), stop);
        foreach (var job in batch)
        {
            job.MarkDispatched();
        }

        try
        {
            var clock = Stopwatch.StartNew();
            var run = model.Run(batch.Select(j => j.Input).ToList(), batch[0].Scales, all.Token);
            var runId = Interlocked.Increment(ref runs);
            metrics.RecordModelRun(clock.Elapsed, batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Complete(new SentenceResult(run.Audio[i], time.GetElapsedTime(batch[i].Submitted, started), run.Stages, batch.Count, runId));
            }
        }
        catch (OperationCanceledException)
        {
            foreach (var job in batch)
            {
                job.Cancel();
            }
        }
        catch (Exception ex)
        {
            foreach (var job in batch)
            {
                job.Fail(ex);
            }
        }
    }

    private sealed class Job(SentenceInput input, InferenceScales scales, long submitted, CancellationToken cancellationToken)
    {
        private readonly TaskCompletionSource dispatched = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<SentenceResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SentenceInput Input { get; } = input;

        public InferenceScales Scales { get; } = scales;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public long Submitted { get; } = submitted;

        public SentenceTicket Ticket => new(dispatched.Task, completion.Task);

        public void MarkDispatched() => dispatched.TrySetResult();

        public void Complete(SentenceResult result)
        {
            dispatched.TrySetResult();
            completion.TrySetResult(result);
        }

        public void Cancel()
        {
            dispatched.TrySetResult();
            completion.TrySetCanceled(CancellationToken.IsCancellationRequested ? CancellationToken : new CancellationToken(true));
        }

        public void Fail(Exception ex)
        {
            dispatched.TrySetResult();
            completion.TrySetException(ex);
        }
    }

    // A token cancelled when every given token is (or when `stop` is).
    private sealed class AllCancelled : IDisposable
    {
        private readonly CancellationTokenSource source;
        private readonly List<CancellationTokenRegistration> registrations = [];
        private int remaining;

        public AllCancelled(IEnumerable<CancellationToken> tokens, CancellationToken stop)
        {
            source = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var list = tokens.ToList();
            remaining = list.Count;
            foreach (var token in list)
            {
                registrations.Add(token.Register(() =>
                {
                    if (Interlocked.Decrement(ref remaining) == 0)
                    {
                        source.Cancel();
                    }
                }));
            }
        }

        public CancellationToken Token => source.Token;

        public void Dispose()
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }

            source.Dispose();
        }
    }
}
