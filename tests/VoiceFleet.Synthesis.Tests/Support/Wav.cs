using VoiceFleet.Audio.Wav;

namespace VoiceFleet.Synthesis.Tests.Support;

internal static class Wav
{
    public static (float[] Samples, int Rate) Read(byte[] bytes)
    {
        var wav = WavReader.Read(bytes);
        return (wav.Samples, wav.SampleRate);
    }

    public static float[] Float32(ReadOnlySpan<byte> bytes)
    {
        var samples = new float[bytes.Length / 4];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BitConverter.ToSingle(bytes.Slice(i * 4, 4));
        }

        return samples;
    }
}
