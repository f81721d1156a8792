using VoiceFleet.Text.Documents;

namespace VoiceFleet.Text.Normalization;

/// <summary>A stretch of text in one language.</summary>
/// <param name="Text">The characters.</param>
/// <param name="Language">"zh" for Mandarin, else an espeak-ng language such as "en-us".</param>
internal sealed record LanguageRun(MappedText Text, string Language);
