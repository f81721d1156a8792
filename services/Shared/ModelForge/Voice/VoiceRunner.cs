using VoiceFleet.Onnx.Runtime;

namespace VoiceFleet.ModelForge.Voice;

/// <summary>Runs a conditioned forged voice on a batch of utterances (padding them) and trims each result to its length.</summary>
internal sealed class VoiceRunner(OnnxSession session)
{
    public IReadOnlyList<float[]> Speak(IReadOnlyList<VoiceRequest> batch, CancellationToken cancellationToken = default)
    {
        var count = batch.Count;
        var width = batch.Max(r => r.PhonemeIds.Length);
        var ids = new long[count * width];
        var lengths = new long[count];
        var speakers = new float[count * SpeakerSpace.Dimension];
        var emotions = new float[count * EmotionSpace.Dimension];
        var seeds = new long[count];
        for (var i = 0; i < count; i++)
        {
            var request = batch[i];
            request.PhonemeIds.CopyTo(ids.AsSpan(i * width));
            lengths[i] = request.PhonemeIds.Length;
            request.Speaker.CopyTo(speakers.AsSpan(i * SpeakerSpace.Dimension));
            request.Emotion.CopyTo(emotions.AsSpan(i * EmotionSpace.Dimension));
            seeds[i] = request.Seed;
        }

        var scales = batch[0].Scales ?? [0.667f, 1f, 0.8f];
        var outputs = session.Run(
            new Dictionary<string, OnnxTensor>
            {
                ["input"] = OnnxTensor.Create(ids, [count, width]),
                ["input_lengths"] = OnnxTensor.Create(lengths, [count]),
                ["scales"] = OnnxTensor.Create(scales, [3]),
                ["speaker"] = OnnxTensor.Create(speakers, [count, SpeakerSpace.Dimension]),
                ["emotion"] = OnnxTensor.Create(emotions, [count, EmotionSpace.Dimension]),
                ["seed"] = OnnxTensor.Create(seeds, [count]),
            },
            cancellationToken: cancellationToken);
        var audio = outputs["output"].ToArray<float>();
        var audioLengths = outputs["output_lengths"].ToArray<long>();
        var stride = audio.Length / count;
        var result = new float[count][];
        for (var i = 0; i < count; i++)
        {
            result[i] = audio.AsSpan(i * stride, (int)audioLengths[i]).ToArray();
        }

        return result;
    }
}

/// <summary>One utterance for <see cref="VoiceRunner"/>.</summary>
internal sealed record VoiceRequest(long[] PhonemeIds, float[] Speaker, float[] Emotion, long Seed = 0, float[]? Scales = null);
