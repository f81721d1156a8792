using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using VoiceFleet.Synthesis.Configuration;

namespace VoiceFleet.Synthesis.Diagnostics;

/// <summary>
/// <c>voicefleet_synthesis_slot_info{slot, model_version}</c> = 1: which version a slot runs, so
/// dashboards and the release controller can join per-slot series with model versions.
/// </summary>
internal sealed class SlotInfoMetrics
{
    public SlotInfoMetrics(IMeterFactory meterFactory, IOptions<SynthesisOptions> options)
    {
        var slot = options.Value;
        var meter = meterFactory.Create("VoiceFleet.Synthesis");
        meter.CreateObservableGauge(
            "voicefleet_synthesis_slot_info",
            () => new Measurement<int>(1, new KeyValuePair<string, object?>("slot", slot.Slot), new KeyValuePair<string, object?>("model_version", slot.ModelVersion)),
            description: "Always 1; labels say which model version this synthesis slot serves.");
    }
}
