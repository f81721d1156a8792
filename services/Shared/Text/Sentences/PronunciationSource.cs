namespace VoiceFleet.Text;

/// <summary>Where a word's pronunciation came from (the proto's <c>PronunciationSource</c>).</summary>
public enum PronunciationSource
{
    /// <summary>Not set (punctuation).</summary>
    Unspecified = 0,

    /// <summary>espeak-ng G2P.</summary>
    G2p = 1,

    /// <summary>Mandarin lexicon, a phrase reading.</summary>
    LexiconPhrase = 2,

    /// <summary>Mandarin lexicon, the single-character fallback.</summary>
    LexiconCharacter = 3,

    /// <summary>A named or file-backed override lexicon.</summary>
    Override = 4,

    /// <summary>A per-request lexicon entry.</summary>
    Request = 5,

    /// <summary>An inline annotation in the text.</summary>
    Inline = 6,

    /// <summary>An SSML &lt;phoneme&gt; element or phoneme input.</summary>
    Phoneme = 7,
}
