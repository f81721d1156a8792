using System.Globalization;
using VoiceFleet.Contracts.V1;

namespace VoiceFleet.Cli.Demo;

/// <summary>How the demo writes releases, transitions and gate verdicts.</summary>
internal static class ReleaseText
{
    public static string Phase(ReleasePhase phase) => phase switch
    {
        ReleasePhase.Pending => "pending",
        ReleasePhase.PreRollout => "pre-rollout",
        ReleasePhase.Progressing => "progressing",
        ReleasePhase.Paused => "paused",
        ReleasePhase.Promoted => "promoted",
        ReleasePhase.RolledBack => "rolled back",
        ReleasePhase.Aborted => "aborted",
        _ => "unknown",
    };

    public static string Gate(GateKind gate) => gate switch
    {
        GateKind.ErrorRatio => "ERROR_RATIO",
        GateKind.P95Rtf => "P95_RTF",
        GateKind.NonFinite => "NON_FINITE",
        GateKind.Clipping => "CLIPPING",
        GateKind.Silence => "SILENCE",
        GateKind.Loudness => "LOUDNESS",
        GateKind.SpeakerSimilarity => "SPEAKER_SIMILARITY",
        GateKind.EmotionAgreement => "EMOTION_AGREEMENT",
        GateKind.RtfMannWhitney => "RTF_MANN_WHITNEY",
        GateKind.Listening => "LISTENING",
        _ => "ANALYSIS",
    };

    public static string Verdict(Verdict verdict) => verdict switch
    {
        Contracts.V1.Verdict.Pass => "pass",
        Contracts.V1.Verdict.Fail => "FAIL",
        Contracts.V1.Verdict.Inconclusive => "inconclusive",
        _ => "-",
    };

    public static string Slot(Slot slot) => slot switch { Contracts.V1.Slot.Blue => "blue", Contracts.V1.Slot.Green => "green", _ => "none" };

    public static string Percent(int bps) => (bps / 100.0).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    /// <summary>A transition: <c>progressing → step 2/3, canary 50 % (controller: step 1 passed)</c>.</summary>
    public static string Transition(Release release, Transition t) =>
        Invariant($"{Phase(t.FromPhase)} → {Phase(t.ToPhase)}")
        + (t.ToPhase == ReleasePhase.Progressing ? Invariant($", step {release.CurrentStep + 1}/{release.Plan.Steps.Count}") : string.Empty)
        + Invariant($", canary {Percent(t.ToWeightBps)} ({t.Actor}: {t.Reason})");

    /// <summary>A window's verdict, its traffic, then one line per gate with its numbers.</summary>
    public static IEnumerable<string> Analysis(Release release, Analysis a)
    {
        var traffic = string.Join(", ", a.Traffic.Select(x => Invariant($"{(x.Track == Track.Canary ? "canary" : "stable")} {x.Requests} req / {x.Errors} err")));
        yield return Invariant($"window of step {a.StepIndex + 1}/{release.Plan.Steps.Count} at {Percent(release.Plan.Steps[a.StepIndex].CanaryWeightBps)}: {Verdict(a.Verdict)} ({traffic})");
        foreach (var g in a.Gates)
        {
            yield return Invariant($"    {Gate(g.Gate),-19} {Verdict(g.Verdict),-12} {g.Message}");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
