namespace VoiceFleet.Audio.Decoding;

/// <summary>The audio encodings <see cref="AudioDecoder"/> reads.</summary>
public enum AudioContainer
{
    /// <summary>Not known yet: detect it from the content.</summary>
    Unknown = 0,

    /// <summary>RIFF/WAVE (any PCM or float subformat, plain or WAVE_FORMAT_EXTENSIBLE).</summary>
    Wav,

    /// <summary>Headerless 16-bit signed little-endian PCM, channels interleaved.</summary>
    Pcm16,

    /// <summary>Headerless 32-bit IEEE float little-endian, channels interleaved.</summary>
    PcmFloat,

    /// <summary>MPEG audio (layer III, also I and II), decoded with libmpg123.</summary>
    Mp3,

    /// <summary>FLAC, decoded with libsndfile.</summary>
    Flac,
}
