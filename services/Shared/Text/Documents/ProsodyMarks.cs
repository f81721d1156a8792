namespace VoiceFleet.Text.Documents;

/// <summary>Prosody from SSML <c>&lt;prosody&gt;</c>; zero fields mean unchanged.</summary>
/// <param name="Rate">Speaking-rate multiplier (1 = normal; 0 = unchanged).</param>
/// <param name="PitchSemitones">Pitch shift in semitones.</param>
/// <param name="VolumeDb">Gain in dB.</param>
public sealed record ProsodyMarks(float Rate, float PitchSemitones, float VolumeDb)
{
    /// <summary>No change.</summary>
    public static ProsodyMarks None { get; } = new(0, 0, 0);

    /// <summary>True when nothing changes.</summary>
    public bool IsNone => Rate == 0 && PitchSemitones == 0 && VolumeDb == 0;

    /// <summary>An inner element's marks applied inside this one: rates multiply, pitch and volume add.</summary>
    public ProsodyMarks Then(ProsodyMarks inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var rate = (Rate, inner.Rate) switch
        {
            (0, var r) => r,
            (var r, 0) => r,
            var (a, b) => a * b,
        };
        return new ProsodyMarks(rate, PitchSemitones + inner.PitchSemitones, VolumeDb + inner.VolumeDb);
    }
}
