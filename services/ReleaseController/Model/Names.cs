using VoiceFleet.Contracts.V1;

namespace VoiceFleet.ReleaseController.Model;

/// <summary>Short lower-case names of enum values, for metric labels, logs and human output.</summary>
internal static class Names
{
    public static string Phase(ReleasePhase phase) => phase switch
    {
        ReleasePhase.Pending => "pending",
        ReleasePhase.PreRollout => "pre_rollout",
        ReleasePhase.Progressing => "progressing",
        ReleasePhase.Paused => "paused",
        ReleasePhase.Promoted => "promoted",
        ReleasePhase.RolledBack => "rolled_back",
        ReleasePhase.Aborted => "aborted",
        _ => "unspecified",
    };

    public static string Gate(GateKind gate) => gate switch
    {
        GateKind.ErrorRatio => "error_ratio",
        GateKind.P95Rtf => "p95_rtf",
        GateKind.NonFinite => "non_finite",
        GateKind.Clipping => "clipping",
        GateKind.Silence => "silence",
        GateKind.Loudness => "loudness",
        GateKind.SpeakerSimilarity => "speaker_similarity",
        GateKind.EmotionAgreement => "emotion_agreement",
        GateKind.RtfMannWhitney => "rtf_mann_whitney",
        GateKind.Listening => "listening",
        _ => "unspecified",
    };

    public static string WebhookEvent(WebhookEvent kind) => kind switch
    {
        Contracts.V1.WebhookEvent.PreRollout => "pre_rollout",
        Contracts.V1.WebhookEvent.Step => "step",
        Contracts.V1.WebhookEvent.Promotion => "promotion",
        Contracts.V1.WebhookEvent.Rollback => "rollback",
        _ => "unspecified",
    };

    public static string Verdict(Verdict verdict) => verdict switch
    {
        Contracts.V1.Verdict.Pass => "pass",
        Contracts.V1.Verdict.Fail => "fail",
        Contracts.V1.Verdict.Inconclusive => "inconclusive",
        _ => "unspecified",
    };

    public static string Slot(Slot slot) => slot switch
    {
        Contracts.V1.Slot.Blue => "blue",
        Contracts.V1.Slot.Green => "green",
        _ => "none",
    };

    public static Slot ParseSlot(string value) => value.ToLowerInvariant() switch
    {
        "blue" => Contracts.V1.Slot.Blue,
        "green" => Contracts.V1.Slot.Green,
        _ => Contracts.V1.Slot.Unspecified,
    };

    public static Slot Other(Slot slot) => slot == Contracts.V1.Slot.Blue ? Contracts.V1.Slot.Green : Contracts.V1.Slot.Blue;

    public static bool IsTerminal(ReleasePhase phase) => phase is ReleasePhase.Promoted or ReleasePhase.RolledBack or ReleasePhase.Aborted;
}
