using System.ComponentModel.DataAnnotations;
using System.Runtime.InteropServices;
using VoiceFleet.Text.Espeak;
using VoiceFleet.Text.Input;
using VoiceFleet.Text.Lexicons;
using VoiceFleet.Text.Mandarin;

namespace VoiceFleet.Frontend.Configuration;

/// <summary>
/// The text frontend's options; configuration section <c>Frontend</c> (<c>VOICEFLEET__Frontend__MaxInputChars</c> and so
/// on), validated before the service opens a port. See docs/configuration.md.
/// </summary>
public sealed class FrontendOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Frontend";

    /// <summary>Most characters (code points) a request's text may have; for SSML, its text content.</summary>
    [Range(1, 1_000_000)]
    public int MaxInputChars { get; set; } = InputLimits.DefaultMaxInputChars;

    /// <summary>Sentences longer than this are split at clause punctuation, unless the request sets its own limit.</summary>
    [Range(8, 100_000)]
    public int MaxSentenceChars { get; set; } = InputLimits.DefaultMaxSentenceChars;

    /// <summary>Language of input that has only digits and symbols, when the request names none: zh or an espeak-ng language.</summary>
    [Required]
    public string DefaultLanguage { get; set; } = "zh";

    /// <summary>The espeak-ng voice for English ("en" and Latin letters in Mandarin text).</summary>
    [Required]
    public string EnglishVoice { get; set; } = "en-us";

    /// <summary>Folder of the Mandarin lexicon data (@pinyin-pro/data's complete.json); empty = <c>.tools/pinyin-pro-data/1.3.1</c> above the service, or VOICEFLEET_PINYIN_DATA.</summary>
    public string LexiconDataDirectory { get; set; } = string.Empty;

    /// <summary>Where the compact lexicon cache is written; empty = <c>cache/</c> inside the data folder.</summary>
    public string LexiconCacheDirectory { get; set; } = string.Empty;

    /// <summary>The libespeak-ng shared object; empty = Debian's <c>libespeak-ng.so.1</c>.</summary>
    public string EspeakLibrary { get; set; } = string.Empty;

    /// <summary>Folder holding <c>espeak-ng-data</c>; empty = the library's default.</summary>
    public string EspeakDataPath { get; set; } = string.Empty;

    /// <summary>Requests that may wait for espeak-ng (one call runs at a time); more are refused with RESOURCE_EXHAUSTED.</summary>
    [Range(1, 100_000)]
    public int EspeakQueueLimit { get; set; } = 256;

    /// <summary>The override lexicon file (JSON lines of word, context, phoneme); empty = none. Reloaded when it changes.</summary>
    public string OverrideLexiconPath { get; set; } = string.Empty;

    /// <summary>How often the override lexicon file is checked for changes (on use).</summary>
    public TimeSpan OverrideLexiconCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Folder where named lexicons are kept as JSON lines; empty = in memory only (lost on restart).</summary>
    public string LexiconDirectory { get; set; } = string.Empty;

    /// <summary>Named lexicons the service holds at most.</summary>
    [Range(1, 10_000)]
    public int MaxLexicons { get; set; } = 100;

    /// <summary>Entries one named lexicon holds at most.</summary>
    [Range(1, 10_000_000)]
    public int MaxLexiconEntries { get; set; } = 100_000;

    /// <summary>The model store whose phoneme maps turn phonemes into ids (<c>model_version</c>); empty = none (such requests get NOT_FOUND).</summary>
    public string ModelStoreRoot { get; set; } = string.Empty;

    /// <summary>The lexicon data folder in use (configured or found).</summary>
    internal string? ResolvedLexiconDataDirectory => MandarinLexiconLoader.FindDataDirectory(LexiconDataDirectory);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MandarinLexiconLoader.Problem(ResolvedLexiconDataDirectory) is { } lexiconProblem)
        {
            yield return new ValidationResult(lexiconProblem, [nameof(LexiconDataDirectory)]);
        }

        var library = EspeakLibrary.Length > 0 ? EspeakLibrary : EspeakEngine.DefaultLibrary;
        if (!NativeLibrary.TryLoad(library, out var handle))
        {
            yield return new ValidationResult($"{library} could not be loaded: install the Debian package libespeak-ng1 (./fleet setup installs it) or point EspeakLibrary at the library.", [nameof(EspeakLibrary)]);
        }
        else
        {
            NativeLibrary.Free(handle);
        }

        if (EspeakDataPath.Length > 0 && !Directory.Exists(EspeakDataPath))
        {
            yield return new ValidationResult($"EspeakDataPath '{EspeakDataPath}' is not a folder.", [nameof(EspeakDataPath)]);
        }

        if (OverrideLexiconCheckInterval < TimeSpan.Zero || OverrideLexiconCheckInterval > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("OverrideLexiconCheckInterval must be between 00:00:00 and 01:00:00.", [nameof(OverrideLexiconCheckInterval)]);
        }

        if (OverrideLexiconPath.Length > 0)
        {
            string? problem = null;
            try
            {
                _ = LexiconFile.Read(OverrideLexiconPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Text.TextInputException)
            {
                problem = ex.Message;
            }

            if (problem is not null)
            {
                yield return new ValidationResult($"the override lexicon cannot be used: {problem}", [nameof(OverrideLexiconPath)]);
            }
        }

        if (ModelStoreRoot.Length > 0 && !Directory.Exists(ModelStoreRoot))
        {
            yield return new ValidationResult($"ModelStoreRoot '{ModelStoreRoot}' is not a folder.", [nameof(ModelStoreRoot)]);
        }

        if (!EntryValidator.IsMandarin(DefaultLanguage) && !LanguagePattern(DefaultLanguage))
        {
            yield return new ValidationResult($"DefaultLanguage '{DefaultLanguage}' is not a language code (zh, en, en-us, …).", [nameof(DefaultLanguage)]);
        }

        if (!LanguagePattern(EnglishVoice))
        {
            yield return new ValidationResult($"EnglishVoice '{EnglishVoice}' is not an espeak-ng language (en-us, en-gb, …).", [nameof(EnglishVoice)]);
        }
    }

    private static bool LanguagePattern(string value) =>
        System.Text.RegularExpressions.Regex.IsMatch(value, "^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
}
