namespace VoiceFleet.Models.Phonemes;

/// <summary>Phonemes turned into model ids.</summary>
/// <param name="Ids">The ids, ready for a <see cref="Manifest.TensorRole.PhonemeIds"/> tensor.</param>
/// <param name="MissingPhonemes">Phonemes that are not in the id map and were skipped, each once, in order of first appearance.</param>
public sealed record PhonemeEncoding(long[] Ids, IReadOnlyList<string> MissingPhonemes)
{
    /// <summary>True when no phoneme was skipped.</summary>
    public bool IsComplete => MissingPhonemes.Count == 0;
}
