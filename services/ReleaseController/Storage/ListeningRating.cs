using VoiceFleet.Contracts.V1;

namespace VoiceFleet.ReleaseController.Storage;

/// <summary>
/// One listener's judgement of one version's output in a blind A/B trial: a 1–5 naturalness and emotion-fit
/// score (0 = not given) and whether the listener preferred it over the other output of the trial.
/// </summary>
/// <param name="RatingId">Unique per row.</param>
/// <param name="ReleaseId">The release the trial compared (its canary against its stable).</param>
/// <param name="TrialId">The trial; its two rows share it.</param>
/// <param name="Track">Which track's slot produced the output (stable or canary).</param>
/// <param name="ModelVersion">The version that produced it.</param>
/// <param name="Rater">The caller (the gateway's key id), or <c>anonymous</c>.</param>
/// <param name="Naturalness">1..5, or 0 when not rated.</param>
/// <param name="EmotionFit">1..5, or 0 when not rated.</param>
/// <param name="Preferred">True when the listener preferred this output of the pair.</param>
/// <param name="ItemId">The golden-set item spoken (text and emotion come from it).</param>
/// <param name="Emotion">The emotion label asked for.</param>
/// <param name="CreatedAtMs">Unix milliseconds.</param>
internal sealed record ListeningRating(
    string RatingId,
    string ReleaseId,
    string TrialId,
    Track Track,
    string ModelVersion,
    string Rater,
    int Naturalness,
    int EmotionFit,
    bool Preferred,
    string ItemId,
    string Emotion,
    long CreatedAtMs);
