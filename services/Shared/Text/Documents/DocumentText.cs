namespace VoiceFleet.Text.Documents;

/// <summary>A run of input text with one style.</summary>
/// <param name="Content">The characters, mapped to the input (for <c>&lt;sub&gt;</c>: the alias, mapped to the element's content).</param>
/// <param name="Style">Markup in force.</param>
/// <param name="Phonemes">Pronunciation given by <c>&lt;phoneme&gt;</c>, or null.</param>
/// <param name="InlineReadings">Pinyin (tone numbers) of single Han characters from inline annotations (<c>重[zhòng]</c>), keyed by the character's index in the input; or null.</param>
internal sealed record DocumentText(MappedText Content, TextStyle Style, PhonemeOverride? Phonemes, IReadOnlyDictionary<int, string>? InlineReadings) : IDocumentNode;
