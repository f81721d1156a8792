namespace VoiceFleet.Audio.Wav;

/// <summary>The sample encodings <see cref="WavWriter"/> writes.</summary>
public enum WavSampleFormat
{
    /// <summary>16-bit signed integer PCM (format tag 1): samples × 32768, rounded and clamped.</summary>
    Pcm16 = 0,

    /// <summary>32-bit IEEE float (format tag 3), samples as they are.</summary>
    IeeeFloat32 = 1,
}
