using System.Globalization;
using Microsoft.Extensions.Options;
using VoiceFleet.Rpc;
using VoiceFleet.Synthesis.Configuration;
using VoiceFleet.Synthesis.Diagnostics;

namespace VoiceFleet.Synthesis.Pipeline;

/// <summary>
/// Admission control: at most <see cref="ServingOptions.MaxConcurrency"/> requests in the pipeline and
/// <see cref="ServingOptions.MaxQueue"/> waiting; one more is refused at once with RESOURCE_EXHAUSTED and a retry hint
/// (trailer <c>retry-after-ms</c>), so memory stays bounded however hard clients push.
/// </summary>
internal sealed class AdmissionGate : IDisposable
{
    /// <summary>The trailer carrying the retry hint, in milliseconds (milliseconds).</summary>
    public const string RetryPushbackTrailer = "retry-after-ms";

    private readonly ServingOptions options;
    private readonly SynthesisMetrics metrics;
    private readonly SemaphoreSlim slots;
    private int waiting;
    private int active;

    public AdmissionGate(IOptions<ServingOptions> options, SynthesisMetrics metrics)
    {
        this.options = options.Value;
        this.metrics = metrics;
        slots = new SemaphoreSlim(this.options.MaxConcurrency, this.options.MaxConcurrency);
    }

    /// <summary>Requests admitted and not yet finished.</summary>
    public int Active => Volatile.Read(ref active);

    /// <summary>Waits for a place in the pipeline; dispose the result to give it back.</summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED when the queue is full.</exception>
    /// <exception cref="OperationCanceledException">The request was cancelled while it waited.</exception>
    public async ValueTask<Admission> EnterAsync(CancellationToken cancellationToken)
    {
        if (!slots.Wait(0, CancellationToken.None))
        {
            if (Interlocked.Increment(ref waiting) > options.MaxQueue)
            {
                Interlocked.Decrement(ref waiting);
                metrics.Rejected("queue_full");
                throw Busy();
            }

            metrics.Queued(1);
            try
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref waiting);
                metrics.Queued(-1);
            }
        }

        Interlocked.Increment(ref active);
        metrics.Admitted(1);
        return new Admission(this);
    }

    /// <summary>The RESOURCE_EXHAUSTED error with the retry hint.</summary>
    public RpcException Busy()
    {
        var retryMs = ((long)options.RetryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var trailers = new Metadata().Add(RetryPushbackTrailer, retryMs);
        return new RpcException(
            new Status(StatusCode.ResourceExhausted, $"synthesis is at capacity ({options.MaxConcurrency} in flight, {options.MaxQueue} queued); retry after {retryMs} ms"),
            trailers);
    }

    public void Dispose() => slots.Dispose();

    private void Leave()
    {
        Interlocked.Decrement(ref active);
        metrics.Admitted(-1);
        slots.Release();
    }

    /// <summary>A place in the pipeline.</summary>
    public sealed class Admission(AdmissionGate gate) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                gate.Leave();
            }
        }
    }
}
