using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VoiceFleet.Frontend.Configuration;
using VoiceFleet.Frontend.Diagnostics;
using VoiceFleet.Text.Analysis;
using VoiceFleet.Text.Espeak;
using VoiceFleet.Text.Input;
using VoiceFleet.Text.Lexicons;
using VoiceFleet.Text.Mandarin;

namespace VoiceFleet.Frontend.Analysis;

/// <summary>
/// What the frontend runs on, built once at start: the Mandarin lexicon and G2P, espeak-ng in-process, the analyzer,
/// and the lexicon store (named lexicons and the file-backed one).
/// </summary>
internal sealed class FrontendRuntime
{
    // The lexicon is immutable and large; services built in one process (tests) share it.
    private static readonly ConcurrentDictionary<(string Data, string Cache), Lazy<MandarinLexicon>> Lexicons = new();

    public FrontendRuntime(IOptions<FrontendOptions> options, ILoggerFactory loggerFactory, TimeProvider time)
    {
        var settings = options.Value;
        var logger = loggerFactory.CreateLogger("VoiceFleet.Frontend");
        var dataDirectory = settings.ResolvedLexiconDataDirectory!;
        var cacheDirectory = settings.LexiconCacheDirectory.Length > 0 ? settings.LexiconCacheDirectory : null;
        var lexicon = Lexicons.GetOrAdd((dataDirectory, cacheDirectory ?? string.Empty), key => new Lazy<MandarinLexicon>(
            () => MandarinLexiconLoader.Load(key.Data, cacheDirectory, loggerFactory.CreateLogger("VoiceFleet.Text.Mandarin")))).Value;

        Espeak = EspeakEngine.Open(new EspeakOptions
        {
            LibraryPath = settings.EspeakLibrary.Length > 0 ? settings.EspeakLibrary : null,
            DataPath = settings.EspeakDataPath.Length > 0 ? settings.EspeakDataPath : null,
            QueueLimit = settings.EspeakQueueLimit,
            EnglishVoice = settings.EnglishVoice,
        });

        Mandarin = new MandarinG2p(lexicon);
        Analyzer = new TextAnalyzer(
            Mandarin,
            Espeak,
            new TextAnalyzerOptions
            {
                Limits = new InputLimits { MaxInputChars = settings.MaxInputChars, MaxSentenceChars = settings.MaxSentenceChars },
                DefaultLanguage = settings.DefaultLanguage,
            },
            loggerFactory.CreateLogger<TextAnalyzer>());

        var file = new FileLexicon(
            settings.OverrideLexiconPath.Length > 0 ? settings.OverrideLexiconPath : null,
            time,
            settings.OverrideLexiconCheckInterval,
            loggerFactory.CreateLogger("VoiceFleet.Text.Lexicons"),
            IsLanguageSupported);
        LexiconStore = new LexiconStore(file, settings.LexiconDirectory.Length > 0 ? settings.LexiconDirectory : null, loggerFactory.CreateLogger<LexiconStore>(), settings.MaxLexicons, settings.MaxLexiconEntries);
        FrontendLog.Started(logger, lexicon.Count, Espeak.Version, Espeak.DataPath, Espeak.Languages.Count, file.Current.Count);
    }

    /// <summary>espeak-ng in this process.</summary>
    public EspeakEngine Espeak { get; }

    /// <summary>The Mandarin G2P.</summary>
    public MandarinG2p Mandarin { get; }

    /// <summary>The analyzer.</summary>
    public TextAnalyzer Analyzer { get; }

    /// <summary>Named lexicons and the file-backed one.</summary>
    public LexiconStore LexiconStore { get; }

    /// <summary>Whether a lexicon entry's non-Mandarin language is spoken here.</summary>
    public bool IsLanguageSupported(string language) => EntryValidator.IsMandarin(language) || (Espeak?.TryResolveLanguage(language, out _) ?? false);
}
