using Microsoft.Extensions.Options;
using VoiceFleet.Synthesis.Configuration;
using VoiceFleet.Synthesis.Diagnostics;
using VoiceFleet.Synthesis.Models;
using VoiceFleet.Synthesis.Pipeline;

namespace VoiceFleet.Synthesis.Batching;

/// <summary>Owns the <see cref="SentenceBatcher"/> of the served model, created once the model is loaded.</summary>
internal sealed class BatcherHost(VoiceModelHost models, IOptions<ServingOptions> options, SynthesisMetrics metrics, TimeProvider time, AdmissionGate admission, ILogger<SentenceBatcher> logger) : IAsyncDisposable
{
    private readonly Lock gate = new();
    private SentenceBatcher? batcher;

    /// <summary>The batcher (loading the model on first use).</summary>
    public SentenceBatcher Batcher
    {
        get
        {
            if (Volatile.Read(ref batcher) is { } existing)
            {
                return existing;
            }

            var model = models.Model;
            lock (gate)
            {
                return batcher ??= new SentenceBatcher(model, options, metrics, time, () => admission.Active, logger);
            }
        }
    }

    public ValueTask DisposeAsync() => batcher?.DisposeAsync() ?? ValueTask.CompletedTask;
}
