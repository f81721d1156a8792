namespace VoiceFleet.Synthesis.Diagnostics;

/// <summary>The synthesis service's log events.</summary>
internal static partial class SynthesisLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Synthesis request {RequestId} failed")]
    public static partial void RequestFailed(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Serving {Model} (slot {Slot}) at {SampleRate} Hz, batchable: {Batchable}")]
    public static partial void ModelLoaded(ILogger logger, string model, string slot, int sampleRate, bool batchable);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "The model cannot be served: {Reason}")]
    public static partial void ModelUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "A model worker hit an unexpected error; the sentences in hand failed and the worker goes on")]
    public static partial void BatcherFault(ILogger logger, Exception exception);
}
