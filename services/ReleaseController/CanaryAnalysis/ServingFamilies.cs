namespace VoiceFleet.ReleaseController.CanaryAnalysis;

/// <summary>
/// The serving-path metric families the analysis reads (docs/metrics.md, "Serving-path families"), and
/// how a sample of one adds to a track's window.
/// </summary>
internal static class ServingFamilies
{
    public const string SynthesisRequests = "voicefleet_synthesis_requests_total";
    public const string RealTimeFactor = "voicefleet_synthesis_real_time_factor";
    public const string AudioSeconds = "voicefleet_synthesis_audio_seconds_total";
    public const string NonFiniteSamples = "voicefleet_synthesis_quality_non_finite_samples_total";
    public const string Clipping = "voicefleet_synthesis_quality_clipping_ratio";
    public const string Silence = "voicefleet_synthesis_quality_silence_ratio";
    public const string Loudness = "voicefleet_synthesis_quality_loudness_lufs";
    public const string GatewayRequests = "voicefleet_gateway_requests_total";

    /// <summary>Whether the analysis reads this sample's family.</summary>
    public static bool IsRelevant(string name) =>
        name.StartsWith("voicefleet_synthesis_", StringComparison.Ordinal) || name == GatewayRequests;

    /// <summary>Adds a sample's change over the window (<paramref name="delta"/>) to the track it belongs to.</summary>
    public static void Add(PrometheusSample sample, double delta, TrackWindow canary, TrackWindow stable, ISet<string> errorCodes)
    {
        var window = sample.Label("track") switch
        {
            "canary" => canary,
            "stable" => stable,
            _ => null,
        };
        if (window is null || delta == 0 || double.IsNaN(delta))
        {
            return;
        }

        switch (sample.Name)
        {
            case SynthesisRequests:
                window.Requests += delta;
                if (errorCodes.Contains(sample.Label("grpc_code")))
                {
                    window.Errors += delta;
                }

                break;
            case GatewayRequests:
                window.GatewayRequests += delta;
                break;
            case AudioSeconds:
                window.AudioSeconds += delta;
                break;
            case NonFiniteSamples:
                window.NonFiniteSamples += delta;
                break;
            case RealTimeFactor + "_bucket" when PrometheusText.TryParseValue(sample.Label("le"), out var bound):
                window.Rtf.AddCumulative(bound, delta);
                break;
            case Clipping + "_sum":
                window.ClippingSum += delta;
                break;
            case Clipping + "_count":
                window.ClippingCount += delta;
                break;
            case Silence + "_sum":
                window.SilenceSum += delta;
                break;
            case Silence + "_count":
                window.SilenceCount += delta;
                break;
            case Loudness + "_sum":
                window.LoudnessSum += delta;
                break;
            case Loudness + "_count":
                window.LoudnessCount += delta;
                break;
        }
    }
}
