namespace VoiceFleet.Audio.Decoding;

/// <summary>Mixes interleaved channels to mono (their mean), as every decoder here returns.</summary>
internal static class MonoMix
{
    public static float[] Mix(List<float> interleaved, int channels)
    {
        var frames = interleaved.Count / channels;
        var mono = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            var sum = 0.0;
            for (var c = 0; c < channels; c++)
            {
                sum += interleaved[(i * channels) + c];
            }

            mono[i] = (float)(sum / channels);
        }

        return mono;
    }
}
