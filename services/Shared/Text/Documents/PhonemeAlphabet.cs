namespace VoiceFleet.Text;

/// <summary>How a phoneme string is written.</summary>
public enum PhonemeAlphabet
{
    /// <summary>Not given.</summary>
    Unspecified = 0,

    /// <summary>IPA as espeak-ng writes it: one symbol per code point, stress marks included, words separated by spaces.</summary>
    Ipa = 1,

    /// <summary>Hanyu pinyin syllables with tone numbers 1–5 (5 = neutral), separated by spaces.</summary>
    Pinyin = 2,
}
