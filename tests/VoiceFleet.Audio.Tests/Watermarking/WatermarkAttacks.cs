using VoiceFleet.Audio.Dsp;
using VoiceFleet.Audio.Wav;

namespace VoiceFleet.Audio.Tests.Watermarking;

/// <summary>The degradations issue 6 names, alone and together. Each returns the degraded audio and its rate.</summary>
internal static class WatermarkAttacks
{
    public const string None = "none";
    public const string Resample16k = "resample to 16 kHz";
    public const string Pcm16 = "PCM16 round trip";
    public const string GainUp = "gain +6 dB";
    public const string GainDown = "gain -6 dB";
    public const string Noise30 = "white noise at 30 dB SNR";
    public const string Combined = "16 kHz, -6 dB, noise, PCM16";
    public const string CombinedLoud = "16 kHz, +6 dB, noise, PCM16";

    public static TheoryData<string> All => [None, Resample16k, Pcm16, GainUp, GainDown, Noise30, Combined, CombinedLoud];

    public static (float[] Audio, int SampleRate) Apply(string attack, float[] audio, int sampleRate, int seed) => attack switch
    {
        None => (audio, sampleRate),
        Resample16k => (SincResampler.Resample(audio, sampleRate, 16000), 16000),
        Pcm16 => (RoundTripPcm16(audio, sampleRate), sampleRate),
        GainUp => (Gain(audio, 2f), sampleRate),
        GainDown => (Gain(audio, 0.5f), sampleRate),
        Noise30 => (SpeechLikeSignal.AddNoise(audio, 30, seed), sampleRate),
        Combined => (RoundTripPcm16(SpeechLikeSignal.AddNoise(Gain(SincResampler.Resample(audio, sampleRate, 16000), 0.5f), 30, seed), 16000), 16000),
        CombinedLoud => (RoundTripPcm16(SpeechLikeSignal.AddNoise(Gain(SincResampler.Resample(audio, sampleRate, 16000), 2f), 30, seed), 16000), 16000),
        _ => throw new ArgumentOutOfRangeException(nameof(attack), attack, "Unknown attack."),
    };

    public static float[] RoundTripPcm16(float[] audio, int sampleRate) => WavReader.Read(WavWriter.ToBytes(audio, sampleRate)).Samples;

    public static float[] Gain(float[] audio, float gain) => audio.Select(x => x * gain).ToArray();
}
