namespace VoiceFleet.Text.Espeak;

/// <summary>How the process-wide espeak-ng engine is opened.</summary>
public sealed record EspeakOptions
{
    /// <summary>The libespeak-ng shared object: a path, or null for Debian's <c>libespeak-ng.so.1</c> on the library path.</summary>
    public string? LibraryPath { get; init; }

    /// <summary>The folder holding <c>espeak-ng-data</c>, or null for the library's built-in default.</summary>
    public string? DataPath { get; init; }

    /// <summary>Most callers that may wait for the engine; more are refused with <see cref="EspeakBusyException"/>.</summary>
    public int QueueLimit { get; init; } = 256;

    /// <summary>The espeak-ng voice for plain "en".</summary>
    public string EnglishVoice { get; init; } = "en-us";
}
