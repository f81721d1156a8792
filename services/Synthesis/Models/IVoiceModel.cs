using VoiceFleet.Models.Manifest;

namespace VoiceFleet.Synthesis.Models;

/// <summary>A loaded text-to-speech model version: phoneme ids and conditioning in, audio out.</summary>
internal interface IVoiceModel
{
    /// <summary>The manifest it was loaded from.</summary>
    ModelManifest Manifest { get; }

    /// <summary>The rate of the audio it produces, Hz.</summary>
    int SampleRate { get; }

    /// <summary>Whether several sentences can run in one call (dynamic batch dimension and per-item lengths).</summary>
    bool Batchable { get; }

    /// <summary>The conditioning it accepts.</summary>
    VoiceConditioning Conditioning { get; }

    /// <summary>Runs a batch of sentences with shared <paramref name="scales"/>.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; the native run stopped.</exception>
    ModelRun Run(IReadOnlyList<SentenceInput> batch, InferenceScales scales, CancellationToken cancellationToken);
}
