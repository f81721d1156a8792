using Microsoft.Extensions.Options;
using VoiceFleet.Synthesis.Configuration;
using VoiceFleet.Synthesis.Diagnostics;
using VoiceFleet.Synthesis.Models;

namespace VoiceFleet.Synthesis;

/// <summary>Loads the served model while the service starts (when <c>Synthesis:Preload</c> is on), logging why it cannot be served.</summary>
internal sealed class SynthesisStartup(VoiceModelHost models, IOptions<SynthesisOptions> options, ILogger<SynthesisStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Preload)
        {
            return Task.CompletedTask;
        }

        var error = models.Preload();
        if (error is not null)
        {
            SynthesisLog.ModelUnavailable(logger, error);
        }
        else
        {
            var model = models.Model;
            SynthesisLog.ModelLoaded(logger, options.Value.ModelReference, options.Value.Slot, model.SampleRate, model.Batchable);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
