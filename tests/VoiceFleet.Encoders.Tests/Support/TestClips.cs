using Google.Protobuf;
using VoiceFleet.Audio.Wav;
using VoiceFleet.Contracts.V1;

namespace VoiceFleet.Encoders.Tests.Support;

/// <summary>Analytic reference clips: speech-like bursts in silence, noise, tones.</summary>
internal static class TestClips
{
    /// <summary>
    /// <paramref name="lead"/> s of silence, <paramref name="speech"/> s of a 150 Hz harmonic tone whose level
    /// rises and falls four times a second (syllables), <paramref name="tail"/> s of silence, plus optional noise.
    /// </summary>
    public static float[] SpeechLike(int rate, double lead, double speech, double tail, double amplitude = 0.3, double noise = 0, int seed = 1)
    {
        var random = new Random(seed);
        var n = (int)((lead + speech + tail) * rate);
        var x = new float[n];
        var start = (int)(lead * rate);
        var end = start + (int)(speech * rate);
        for (var i = 0; i < n; i++)
        {
            var value = 0.0;
            if (i >= start && i < end)
            {
                var t = (double)(i - start) / rate;
                var envelope = 0.55 + (0.45 * Math.Sin(2 * Math.PI * 4 * t));
                for (var k = 1; k <= 12; k++)
                {
                    value += Math.Sin(2 * Math.PI * 150 * k * t) / k;
                }

                value *= amplitude * envelope / 2.2;
            }

            if (noise > 0)
            {
                value += noise * ((random.NextDouble() * 2) - 1);
            }

            x[i] = (float)value;
        }

        return x;
    }

    public static VoiceFleet.Contracts.V1.Audio Wav(float[] samples, int rate) => new() { Data = ByteString.CopyFrom(WavWriter.ToBytes(samples, rate)), Format = AudioFormat.WavPcm16 };

    public static VoiceFleet.Contracts.V1.Audio Detected(byte[] bytes) => new() { Data = ByteString.CopyFrom(bytes) };
}
