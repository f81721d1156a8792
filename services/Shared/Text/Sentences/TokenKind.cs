namespace VoiceFleet.Text.Sentences;

/// <summary>What a token is.</summary>
internal enum TokenKind
{
    /// <summary>A run of Han characters, segmented into words later by the Mandarin G2P.</summary>
    Han,

    /// <summary>A word for espeak-ng (English or another language).</summary>
    Word,

    /// <summary>Punctuation: not read, but it ends clauses and sentences.</summary>
    Punctuation,

    /// <summary>Phonemes given in the input (SSML &lt;phoneme&gt;), read as written.</summary>
    Phonemes,
}
