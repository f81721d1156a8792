namespace VoiceFleet.Encoders.TextEmotion;

/// <summary>The roles of lexicon terms.</summary>
internal enum LexiconRole
{
    /// <summary>Emotion words, manner phrases and neutral-delivery words: weights per label.</summary>
    Cue,

    /// <summary>Degree adverbs (轻微, 非常, slightly, very): multiply the next cue by the factor.</summary>
    Intensifier,

    /// <summary>Negation (不, not, 不太 with a factor below 1): the next cue turns to its opposite.</summary>
    Negator,

    /// <summary>Holding an emotion back (强压着, holding back): strength times the factor.</summary>
    Restraint,

    /// <summary>Recognised but meaningless here; it only keeps its characters from being read alone.</summary>
    Absorb,
}
