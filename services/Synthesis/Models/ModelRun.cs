namespace VoiceFleet.Synthesis.Models;

/// <summary>What one model run returns: each sentence's samples (trimmed to its length) and the time of each stage.</summary>
internal sealed record ModelRun(IReadOnlyList<float[]> Audio, IReadOnlyList<StageTime> Stages);

/// <summary>Time spent in one named stage.</summary>
internal readonly record struct StageTime(string Stage, TimeSpan Duration);
