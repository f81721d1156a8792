using Google.Protobuf.WellKnownTypes;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Configuration;
using VoiceFleet.Rpc;

namespace VoiceFleet.ReleaseController.Model;

/// <summary>Fills a requested plan with the controller's defaults and checks it (INVALID_ARGUMENT on any problem).</summary>
internal static class ReleasePlans
{
    /// <summary>Gates on unless disabled.</summary>
    public static readonly GateKind[] DefaultGates =
    [
        GateKind.ErrorRatio, GateKind.P95Rtf, GateKind.NonFinite, GateKind.Clipping, GateKind.Silence,
        GateKind.Loudness, GateKind.SpeakerSimilarity, GateKind.EmotionAgreement,
    ];

    /// <summary>Gates off unless enabled.</summary>
    public static readonly GateKind[] OptionalGates = [GateKind.RtfMannWhitney, GateKind.Listening];

    /// <summary>The effective plan: a copy of <paramref name="requested"/> (may be null) with every zero field defaulted.</summary>
    public static ReleasePlan Effective(ReleasePlan? requested, ReleaseControllerOptions options)
    {
        var plan = requested?.Clone() ?? new ReleasePlan();
        if (plan.Steps.Count == 0)
        {
            foreach (var weight in options.DefaultStepsBps)
            {
                plan.Steps.Add(new ReleaseStep { CanaryWeightBps = weight, ObservationWindow = Duration.FromTimeSpan(options.DefaultWindow) });
            }
        }
        else
        {
            foreach (var step in plan.Steps)
            {
                step.ObservationWindow ??= Duration.FromTimeSpan(options.DefaultWindow);
            }
        }

        plan.Gates = EffectiveGates(plan.Gates);
        if (plan.FailureLimit == 0)
        {
            plan.FailureLimit = options.DefaultFailureLimit;
        }

        if (plan.InconclusiveLimit == 0)
        {
            plan.InconclusiveLimit = options.DefaultInconclusiveLimit;
        }

        if (plan.InconclusiveAction == InconclusiveAction.Unspecified)
        {
            plan.InconclusiveAction = string.Equals(options.DefaultInconclusiveAction, "fail", StringComparison.OrdinalIgnoreCase)
                ? InconclusiveAction.Fail
                : InconclusiveAction.Pause;
        }

        if (plan.ShadowSampleRatio == 0)
        {
            plan.ShadowSampleRatio = 0.1;
        }

        foreach (var hook in plan.Webhooks)
        {
            hook.Timeout ??= Duration.FromTimeSpan(TimeSpan.FromSeconds(5));
            if (hook.MaxRetries == 0)
            {
                hook.MaxRetries = 3;
            }
        }

        Validate(plan);
        return plan;
    }

    /// <summary>The thresholds with the defaults of release.proto in every zero field.</summary>
    public static GateThresholds EffectiveGates(GateThresholds? requested)
    {
        var g = requested?.Clone() ?? new GateThresholds();
        g.MaxErrorRatioIncrease = Or(g.MaxErrorRatioIncrease, 0.01);
        g.MaxErrorRatio = Or(g.MaxErrorRatio, 0.05);
        g.MaxP95RtfRatio = Or(g.MaxP95RtfRatio, 1.5);
        g.MaxClippingIncrease = Or(g.MaxClippingIncrease, 0.01);
        g.MaxSilenceIncrease = Or(g.MaxSilenceIncrease, 0.1);
        g.MaxLoudnessDeltaLu = Or(g.MaxLoudnessDeltaLu, 3);
        g.MinSpeakerSimilarity = Or(g.MinSpeakerSimilarity, 0.75);
        g.MinEmotionAgreement = Or(g.MinEmotionAgreement, 0.8);
        g.RtfMannWhitneyAlpha = Or(g.RtfMannWhitneyAlpha, 0.01);
        g.MinRequests = g.MinRequests == 0 ? 50 : g.MinRequests;
        g.MinShadowSamples = g.MinShadowSamples == 0 ? 10 : g.MinShadowSamples;
        g.MinListeningRatings = g.MinListeningRatings == 0 ? 20 : g.MinListeningRatings;
        g.MaxMosDrop = Or(g.MaxMosDrop, 0.3);
        return g;
    }

    /// <summary>Whether <paramref name="gate"/> is evaluated under these thresholds.</summary>
    public static bool IsEnabled(GateThresholds gates, GateKind gate) =>
        OptionalGates.Contains(gate) ? gates.EnabledGates.Contains(gate) : !gates.DisabledGates.Contains(gate);

    /// <summary>The gates evaluated, in enum order.</summary>
    public static IEnumerable<GateKind> Enabled(GateThresholds gates) =>
        DefaultGates.Concat(OptionalGates).Where(g => IsEnabled(gates, g)).Order();

    private static void Validate(ReleasePlan plan)
    {
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            if (step.CanaryWeightBps is < 1 or > 10000)
            {
                throw Invalid($"plan.steps[{i}].canary_weight_bps is {step.CanaryWeightBps}; it must be 1..10000.");
            }

            if (i > 0 && step.CanaryWeightBps <= plan.Steps[i - 1].CanaryWeightBps)
            {
                throw Invalid($"plan.steps[{i}].canary_weight_bps ({step.CanaryWeightBps}) must be above the previous step's ({plan.Steps[i - 1].CanaryWeightBps}).");
            }

            var window = step.ObservationWindow.ToTimeSpan();
            if (window <= TimeSpan.Zero || window > TimeSpan.FromDays(7))
            {
                throw Invalid($"plan.steps[{i}].observation_window must be over 0 and at most 7 days.");
            }
        }

        if (plan.Steps.Count > 100)
        {
            throw Invalid("plan.steps has more than 100 steps.");
        }

        var g = plan.Gates;
        Range("max_error_ratio_increase", g.MaxErrorRatioIncrease, 0, 1);
        Range("max_error_ratio", g.MaxErrorRatio, 0, 1);
        Range("max_p95_rtf_ratio", g.MaxP95RtfRatio, 0, 1000);
        Range("max_non_finite_ratio", g.MaxNonFiniteRatio, 0, 1);
        Range("max_clipping_increase", g.MaxClippingIncrease, 0, 1);
        Range("max_silence_increase", g.MaxSilenceIncrease, 0, 1);
        Range("max_loudness_delta_lu", g.MaxLoudnessDeltaLu, 0, 100);
        Range("min_speaker_similarity", g.MinSpeakerSimilarity, -1, 1);
        Range("min_emotion_agreement", g.MinEmotionAgreement, 0, 1);
        Range("rtf_mann_whitney_alpha", g.RtfMannWhitneyAlpha, 0, 0.5);
        Range("max_mos_drop", g.MaxMosDrop, 0, 4);
        if (g.MinRequests < 0 || g.MinShadowSamples < 0 || g.MinListeningRatings < 0)
        {
            throw Invalid("plan.gates: minimum sample counts cannot be negative.");
        }

        foreach (var gate in g.EnabledGates.Concat(g.DisabledGates))
        {
            if (gate == GateKind.Unspecified || !System.Enum.IsDefined(gate))
            {
                throw Invalid($"plan.gates names an unknown gate ({gate}).");
            }
        }

        var both = g.EnabledGates.Intersect(g.DisabledGates).ToArray();
        if (both.Length > 0)
        {
            throw Invalid($"plan.gates: {string.Join(", ", both.Select(Names.Gate))} is both enabled and disabled.");
        }

        if (plan.FailureLimit < 0 || plan.InconclusiveLimit < 0)
        {
            throw Invalid("plan.failure_limit and plan.inconclusive_limit cannot be negative.");
        }

        if (plan.ShadowSampleRatio is < 0 or > 1)
        {
            throw Invalid("plan.shadow_sample_ratio must be 0..1.");
        }

        if (plan.GoldenSet.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(plan.GoldenSet, "^[A-Za-z0-9._-]{1,64}$") || plan.GoldenSet.Contains("..", StringComparison.Ordinal))
        {
            throw Invalid($"plan.golden_set '{plan.GoldenSet}' is not a golden set name (A-Z a-z 0-9 . _ -).");
        }

        for (var i = 0; i < plan.Webhooks.Count; i++)
        {
            var hook = plan.Webhooks[i];
            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw Invalid($"plan.webhooks[{i}].url '{hook.Url}' is not an http:// or https:// URL.");
            }

            if (hook.Timeout.ToTimeSpan() <= TimeSpan.Zero || hook.MaxRetries is < 0 or > 20)
            {
                throw Invalid($"plan.webhooks[{i}]: timeout must be over 0 and max_retries 0..20.");
            }
        }
    }

    private static void Range(string name, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            throw Invalid($"plan.gates.{name} is {value}; it must be {min}..{max}.");
        }
    }

    private static double Or(double value, double fallback) => value == 0 ? fallback : value;

    private static RpcException Invalid(string message) => new(StatusCode.InvalidArgument, message);
}
