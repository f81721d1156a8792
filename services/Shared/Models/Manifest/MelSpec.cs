namespace VoiceFleet.Models.Manifest;

/// <summary>The mel spectrogram between the acoustic model and the vocoder of a two-stage bundle.</summary>
public sealed record MelSpec
{
    /// <summary>Mel bins per frame (<c>bins</c>).</summary>
    public int Bins { get; init; }

    /// <summary>Audio samples per frame (<c>hopLength</c>).</summary>
    public int HopLength { get; init; }
}
