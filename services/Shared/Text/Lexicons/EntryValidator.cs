using System.Globalization;
using VoiceFleet.Text.Input;
using VoiceFleet.Text.Mandarin;

namespace VoiceFleet.Text.Lexicons;

/// <summary>Checks lexicon entries and puts them in canonical form (pinyin with tone numbers, language filled in).</summary>
public static class EntryValidator
{
    /// <summary>Longest word or context, in characters.</summary>
    public const int MaxWordLength = 64;

    /// <summary>Longest phoneme string, in characters.</summary>
    public const int MaxPhonemeLength = 256;

    /// <summary>The validated entry.</summary>
    /// <param name="word">The word.</param>
    /// <param name="context">The context, or empty.</param>
    /// <param name="phoneme">Pinyin (marks or numbers) for Mandarin, IPA otherwise.</param>
    /// <param name="language">"zh", a BCP-47 code, or empty to infer.</param>
    /// <param name="field">The request field for messages, e.g. <c>entries[3]</c>.</param>
    /// <param name="isLanguageSupported">Whether a non-Mandarin language is served (espeak-ng), or null to accept any.</param>
    /// <exception cref="TextInputException">The entry is invalid; the message says why.</exception>
    public static PronunciationEntry Validate(string? word, string? context, string? phoneme, string? language, string field, Func<string, bool>? isLanguageSupported = null)
    {
        word = (word ?? string.Empty).Trim();
        context = (context ?? string.Empty).Trim();
        phoneme = (phoneme ?? string.Empty).Trim();
        language = (language ?? string.Empty).Trim().ToLowerInvariant();
        if (word.Length == 0)
        {
            throw new TextInputException(field + ".word", "is empty");
        }

        if (phoneme.Length == 0)
        {
            throw new TextInputException(field + ".phoneme", $"is empty for '{word}'");
        }

        if (word.Length > MaxWordLength || context.Length > MaxWordLength)
        {
            throw new TextInputException(field, string.Create(CultureInfo.InvariantCulture, $"word and context may have at most {MaxWordLength} characters"));
        }

        if (phoneme.Length > MaxPhonemeLength)
        {
            throw new TextInputException(field + ".phoneme", string.Create(CultureInfo.InvariantCulture, $"has more than {MaxPhonemeLength} characters"));
        }

        if (context.Length > 0 && !context.Contains(word, StringComparison.Ordinal))
        {
            throw new TextInputException(field + ".context", $"'{context}' does not contain the word '{word}'");
        }

        if (word.Any(c => char.IsControl(c) || char.IsSurrogate(c)) || context.Any(c => char.IsControl(c) || char.IsSurrogate(c)))
        {
            throw new TextInputException(field, "word and context may not hold control characters or characters outside the basic plane");
        }

        var isMandarin = language.Length == 0 ? word.Any(Scripts.IsHan) : IsMandarin(language);
        if (isMandarin)
        {
            if (!word.All(Scripts.IsHan))
            {
                throw new TextInputException(field + ".word", $"'{word}' mixes Han characters with others; a Mandarin entry's word is Han characters only");
            }

            var syllables = new List<string>();
            foreach (var part in phoneme.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Pinyin.TryParse(part, out var syllable))
                {
                    throw new TextInputException(field + ".phoneme", $"'{part}' is not a pinyin syllable (write e.g. hang2 or háng)");
                }

                syllables.Add(syllable);
            }

            if (syllables.Count != word.Length)
            {
                throw new TextInputException(field + ".phoneme", string.Create(CultureInfo.InvariantCulture, $"has {syllables.Count} syllables for the {word.Length} characters of '{word}'; give one per character"));
            }

            return new PronunciationEntry(word, context, string.Join(' ', syllables), "zh");
        }

        var normalizedLanguage = language.Length == 0 ? "en" : language.Replace('_', '-');
        if (isLanguageSupported is not null && !isLanguageSupported(normalizedLanguage))
        {
            throw new TextInputException(field + ".language", $"'{language}' is not a supported language");
        }

        if (IpaInventory.FirstUnknown(phoneme) is { } unknown)
        {
            throw new TextInputException(field + ".phoneme", string.Create(CultureInfo.InvariantCulture, $"{IpaInventory.Describe(unknown.Symbol)} at position {unknown.Position + 1} is not an IPA symbol"));
        }

        return new PronunciationEntry(word, context, phoneme, normalizedLanguage);
    }

    /// <summary>Whether a language code means Mandarin (zh, zh-CN, zh-Hans, cmn, …).</summary>
    public static bool IsMandarin(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        var code = language.Trim().Replace('_', '-').ToLowerInvariant();
        return code is "zh" or "cmn" or "zh-cn" or "zh-hans" or "zh-hans-cn" or "zh-sg" or "cmn-hans" or "cmn-cn" or "zh-tw" or "zh-hant" || code.StartsWith("zh-", StringComparison.Ordinal);
    }
}
