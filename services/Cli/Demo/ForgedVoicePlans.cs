using Google.Protobuf.WellKnownTypes;
using VoiceFleet.Contracts.V1;

namespace VoiceFleet.Cli.Demo;

/// <summary>
/// Release plans for the generated voices (docs/forge.md) on a small machine: short windows and gate thresholds fitted
/// to those voices, measured on the local fleet (docs/release-controller.md, "Measured"). The contract's defaults are
/// for real voices and two-minute windows: healthy v23 would miss the default emotion-agreement minimum, v-drift would
/// pass the default speaker-similarity minimum, and p95 RTF is noisy on two shared cores.
/// </summary>
internal static class ForgedVoicePlans
{
    /// <summary>Healthy v23 vs v21 ≈ 0.95 and v-drift ≈ 0.87 (shadow pairs, emotional speech).</summary>
    public const double MinSpeakerSimilarity = 0.92;

    /// <summary>Healthy v23's emotion agreement is ≈ 0.7–0.8 with the forged emotion encoder.</summary>
    public const double MinEmotionAgreement = 0.5;

    /// <summary>
    /// The traffic mixes seven emotions whose loudness differs by several LU, and a few-second window holds 10–30
    /// outputs per track, so the two means differ by chance: healthy v23 was seen 3.4 LU from v21 in one window. v-noisy
    /// is about 20 LU louder.
    /// </summary>
    public const double MaxLoudnessDeltaLu = 5;

    /// <summary>Loose enough for healthy versions on shared cores; v-slow runs ≈ 3× stable.</summary>
    public const double MaxP95RtfRatio = 2.0;

    /// <summary>
    /// For a release expected to pass: healthy v23 runs ≈ 1.06× v21 on a quiet machine, but its p95 over a few seconds
    /// of a small canary share was seen at 2.2× while other work took the cores.
    /// </summary>
    public const double HealthyMaxP95RtfRatio = 3.0;

    /// <summary>Canary requests a window needs for its analysis (the contract's default is 50, for two-minute windows).</summary>
    public const int MinRequests = 10;

    /// <summary>A plan of <paramref name="weightsBps"/> steps, each held <paramref name="window"/>, without <paramref name="disabledGates"/>.</summary>
    public static ReleasePlan Create(
        IReadOnlyList<int> weightsBps, TimeSpan window, bool skipPreRollout, int minRequests = MinRequests, int minShadowSamples = 8, double maxP95RtfRatio = MaxP95RtfRatio, params GateKind[] disabledGates)
    {
        ArgumentNullException.ThrowIfNull(weightsBps);
        var plan = new ReleasePlan
        {
            SkipPreRollout = skipPreRollout,
            FailureLimit = 1,
            InconclusiveLimit = 4,
            InconclusiveAction = InconclusiveAction.Pause,
            Gates = new GateThresholds
            {
                MinSpeakerSimilarity = MinSpeakerSimilarity,
                MinEmotionAgreement = MinEmotionAgreement,
                MaxP95RtfRatio = maxP95RtfRatio,
                MaxLoudnessDeltaLu = MaxLoudnessDeltaLu,
                MinRequests = minRequests,
                MinShadowSamples = minShadowSamples,
            },
        };
        plan.Gates.DisabledGates.AddRange(disabledGates);
        foreach (var weight in weightsBps)
        {
            plan.Steps.Add(new ReleaseStep { CanaryWeightBps = weight, ObservationWindow = Duration.FromTimeSpan(window) });
        }

        return plan;
    }
}
