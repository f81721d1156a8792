namespace VoiceFleet.Text.Documents;

/// <summary>What the frontend knows about one character of normalized text.</summary>
[Flags]
internal enum CharFlags : byte
{
    /// <summary>Nothing special.</summary>
    None = 0,

    /// <summary>Written by number normalization (so 一 inside a number keeps its citation tone).</summary>
    Numeric = 1,

    /// <summary>Part of a number read digit by digit (a year, a telephone number, decimals).</summary>
    Digits = 2,
}
