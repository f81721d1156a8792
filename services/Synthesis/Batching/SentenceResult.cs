using VoiceFleet.Synthesis.Models;

namespace VoiceFleet.Synthesis.Batching;

/// <summary>One sentence's audio from a model run, with the time it waited and the run's stages.</summary>
/// <param name="Audio">Samples at the model's rate, exactly as the model produced them (not yet sanitised).</param>
/// <param name="QueueTime">From submission to the start of its batch's run.</param>
/// <param name="Stages">The run's stage times (shared by every sentence of the batch).</param>
/// <param name="BatchSize">Sentences in the run.</param>
/// <param name="RunId">Identifies the model run, so a request whose sentences shared one counts its time once.</param>
internal sealed record SentenceResult(float[] Audio, TimeSpan QueueTime, IReadOnlyList<StageTime> Stages, int BatchSize, long RunId);
