namespace VoiceFleet.ModelForge.Voice;

/// <summary>
/// Everything that makes one forged voice version sound the way it does. Healthy versions differ in
/// intonation, brightness and pace; the faulty ones each carry one defect a release must catch.
/// </summary>
internal sealed record VoiceDesign
{
    public const int SampleRate = 22050;

    /// <summary>Samples per acoustic frame (11.6 ms).</summary>
    public const int HopLength = 256;

    public required string Version { get; init; }

    public required string Description { get; init; }

    /// <summary>F0 of a speaker whose pitch code is 0.</summary>
    public float BaseF0Hz { get; init; } = 135f;

    /// <summary>Octaves of F0 per unit of pitch code.</summary>
    public float OctavesPerPitchCode { get; init; } = 0.75f;

    /// <summary>Log formant scale per unit of formant code.</summary>
    public float FormantLogPerCode { get; init; } = 0.13f;

    /// <summary>Spectral tilt in dB per octave per unit of tilt code.</summary>
    public float TiltDbPerCode { get; init; } = 3f;

    /// <summary>Semitones of the phrase-level intonation pattern at neutral range.</summary>
    public float IntonationSemitones { get; init; } = 2.2f;

    /// <summary>Angular steps per phoneme of the two sinusoids that make the intonation pattern, and their phases.</summary>
    public float[] IntonationPattern { get; init; } = [0.9f, 0.0f, 0.37f, 1.0f];

    /// <summary>Semitones F0 falls from the first frame to the last.</summary>
    public float DeclinationSemitones { get; init; } = 2f;

    /// <summary>Harmonics synthesised (up to 0.45 × the sample rate).</summary>
    public int Harmonics { get; init; } = 40;

    /// <summary>Exponent of the 1/k roll-off of the glottal source.</summary>
    public float SourceRolloff { get; init; } = 1.1f;

    /// <summary>Extra spectral tilt of this version in dB per octave (positive is brighter).</summary>
    public float VersionTiltDb { get; init; }

    public float[] FormantBandwidthsHz { get; init; } = [90f, 120f, 180f];

    public float[] FormantGains { get; init; } = [1f, 0.6f, 0.3f];

    /// <summary>Multiplies every phoneme's duration.</summary>
    public float DurationScale { get; init; } = 1f;

    /// <summary>Overall output gain.</summary>
    public float Gain { get; init; } = 0.24f;

    /// <summary>Multiplies every formant (a timbre shift: 1 is none).</summary>
    public float FormantShift { get; init; } = 1f;

    /// <summary>How many times the harmonic bank is computed (the results are averaged): compute cost, not sound.</summary>
    public int ComputeRepeats { get; init; } = 1;

    /// <summary>Gain applied before the final clip (above 1 drives the voice into clipping).</summary>
    public float Overdrive { get; init; } = 1f;

    /// <summary>Fraction of samples replaced by NaN (0: none).</summary>
    public float NanRate { get; init; }

    private static readonly VoiceDesign V21 = new() { Version = "v21", Description = "Healthy baseline voice." };

    private static readonly VoiceDesign V23 = new()
    {
        Version = "v23",
        Description = "Healthy successor: brighter, livelier intonation, a touch slower.",
        IntonationSemitones = 2.8f,
        IntonationPattern = [0.75f, 0.6f, 0.29f, 2.1f],
        VersionTiltDb = 1.5f,
        FormantBandwidthsHz = [75f, 100f, 150f],
        DurationScale = 1.06f,
        DeclinationSemitones = 2.6f,
    };

    /// <summary>The versions the forge writes.</summary>
    public static IReadOnlyList<VoiceDesign> All { get; } =
    [
        V21,
        V23,
        V23 with
        {
            Version = "v-slow",
            Description = "Faulty: sounds like v23 but costs about three times the compute (the harmonic bank five times over).",
            ComputeRepeats = 5,
        },
        V21 with
        {
            Version = "v-noisy",
            Description = "Faulty: overdriven into clipping, with occasional NaN samples.",
            Overdrive = 10f,
            NanRate = 2e-4f,
        },
        V21 with
        {
            Version = "v-drift",
            Description = "Faulty: timbre drifted away from the requested speaker (formants +22%, pitch +11%).",
            FormantShift = 1.22f,
            BaseF0Hz = 150f,
        },
    ];
}
