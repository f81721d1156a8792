namespace VoiceFleet.Frontend.Diagnostics;

/// <summary>The frontend service's log messages.</summary>
internal static partial class FrontendLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Text frontend ready: Mandarin lexicon of {Entries} entries, espeak-ng {EspeakVersion} ({EspeakData}, {Languages} languages), {OverrideEntries} override lexicon entries.")]
    public static partial void Started(ILogger logger, int entries, string espeakVersion, string espeakData, int languages, int overrideEntries);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{Method} failed unexpectedly; answered INTERNAL.")]
    public static partial void Unexpected(ILogger logger, Exception exception, string method);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Lexicon {Lexicon}: {Count} entries written, revision {Revision}.")]
    public static partial void LexiconWritten(ILogger logger, string lexicon, int count, long revision);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Lexicon {Lexicon}: {Count} entries deleted, revision {Revision}.")]
    public static partial void LexiconDeleted(ILogger logger, string lexicon, int count, long revision);
}
