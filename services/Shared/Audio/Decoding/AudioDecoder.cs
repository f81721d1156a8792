using VoiceFleet.Audio.Wav;

namespace VoiceFleet.Audio.Decoding;

/// <summary>
/// One entry point for every encoding reference audio arrives in: WAV (through <see cref="WavReader"/>),
/// headerless PCM16/FLOAT32, MP3 (libmpg123) and FLAC (libsndfile). The container is detected from the
/// content when not given; a given container that the content contradicts fails, naming both.
/// </summary>
public static class AudioDecoder
{
    /// <summary>Decodes <paramref name="bytes"/> to mono float.</summary>
    /// <param name="bytes">The encoded audio.</param>
    /// <param name="container">The declared encoding, or <see cref="AudioContainer.Unknown"/> to detect it (headerless formats cannot be detected).</param>
    /// <param name="sampleRate">Samples per second of headerless audio (ignored for containers, whose header wins).</param>
    /// <param name="channels">Channels of headerless audio; 0 means 1.</param>
    /// <param name="limits">Bounds on the decoded length; <see cref="DecodeLimits.Default"/> when null.</param>
    /// <exception cref="AudioFormatException">The bytes cannot be decoded as declared; the message names the problem.</exception>
    public static DecodedAudio Decode(ReadOnlySpan<byte> bytes, AudioContainer container = AudioContainer.Unknown, int sampleRate = 0, int channels = 0, DecodeLimits? limits = null)
    {
        limits ??= DecodeLimits.Default;
        if (bytes.IsEmpty)
        {
            throw new AudioFormatException("The audio is empty: zero bytes were sent.");
        }

        var detected = AudioSniffer.Detect(bytes);
        if (container == AudioContainer.Unknown)
        {
            container = detected != AudioContainer.Unknown
                ? detected
                : throw new AudioFormatException($"Unrecognised audio: {AudioSniffer.Describe(bytes)}. Send WAV, MP3 or FLAC, or headerless PCM16/FLOAT32 with its format and sample rate.");
        }
        else if (container is AudioContainer.Wav or AudioContainer.Mp3 or AudioContainer.Flac && detected != container)
        {
            throw new AudioFormatException($"The audio was declared {Name(container)} but is {AudioSniffer.Describe(bytes)}.");
        }

        var audio = container switch
        {
            AudioContainer.Wav => WavReader.Read(bytes),
            AudioContainer.Pcm16 => RawPcmDecoder.DecodePcm16(bytes, sampleRate, channels),
            AudioContainer.PcmFloat => RawPcmDecoder.DecodeFloat32(bytes, sampleRate, channels),
            AudioContainer.Mp3 => Mpg123Decoder.Decode(bytes, limits),
            AudioContainer.Flac => SndfileCodec.DecodeFlac(bytes, limits),
            _ => throw new ArgumentOutOfRangeException(nameof(container), container, "Unknown audio container."),
        };
        if (audio.Samples.Length > limits.MaxFrames(audio.SampleRate))
        {
            throw limits.TooLong(Name(container));
        }

        return audio;
    }

    /// <summary>The usual name of a container, for messages.</summary>
    public static string Name(AudioContainer container) => container switch
    {
        AudioContainer.Wav => "WAV",
        AudioContainer.Pcm16 => "PCM16",
        AudioContainer.PcmFloat => "FLOAT32",
        AudioContainer.Mp3 => "MP3",
        AudioContainer.Flac => "FLAC",
        _ => "unknown",
    };
}
