namespace VoiceFleet.Encoders.Diagnostics;

/// <summary>The Encoders' log messages, with fixed event ids.</summary>
internal static partial class EncodersLog
{
    [LoggerMessage(1, LogLevel.Information, "Encoders store ready: {Store}.")]
    public static partial void StoreReady(ILogger logger, string store);

    [LoggerMessage(2, LogLevel.Information, "Encoders loaded: speaker {Speaker}, emotion {Emotion}.")]
    public static partial void EncodersLoaded(ILogger logger, string speaker, string emotion);

    [LoggerMessage(3, LogLevel.Warning, "No model store configured (Encoders:ModelStoreRoot); embedding methods answer FAILED_PRECONDITION.")]
    public static partial void NoModelStore(ILogger logger);

    [LoggerMessage(4, LogLevel.Information, "Voice {VoiceId} enrolled by {Caller}.")]
    public static partial void VoiceEnrolled(ILogger logger, string voiceId, string caller);

    [LoggerMessage(5, LogLevel.Information, "Voice {VoiceId} deleted by {Caller} with {Embeddings} cached embeddings.")]
    public static partial void VoiceDeleted(ILogger logger, string voiceId, string caller, int embeddings);

    [LoggerMessage(6, LogLevel.Warning, "Persistent embedding cache unavailable ({Operation}): {Message}")]
    public static partial void StoreCacheFailed(ILogger logger, string operation, string message);

    [LoggerMessage(7, LogLevel.Warning, "Text emotion model failed; using the lexicon: {Message}")]
    public static partial void TextModelFailed(ILogger logger, string message);

    [LoggerMessage(8, LogLevel.Debug, "Emotion fallback to neutral: {Reason}")]
    public static partial void EmotionFallback(ILogger logger, string reason);
}
