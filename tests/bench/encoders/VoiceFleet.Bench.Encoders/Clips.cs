using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Phonemes;
using VoiceFleet.Onnx.Runtime;

namespace VoiceFleet.Bench.Encoders;

/// <summary>Reference clips spoken by a forged voice (preset speaker "ava", neutral), cut to a length.</summary>
internal static class Clips
{
    private static readonly string[] Sentences =
    [
        "ðɪs ɪz ə ʃˈɔːt tˈɛst ɒv ðə vˈɔɪs.",
        "wiː wˈɔːkt əlˈɔŋ ðə ɹˈɪvɚ ɪn ðə mˈɔːɹnɪŋ.",
        "ʃiː bˈɔːt fˈɹɛʃ bɹˈɛd ænd sˈʌm tʃˈiːz.",
        "ðə bˈʌs wɪl lˈiːv ɐt sˈɛvən ə klˈɑːk.",
    ];

    private static readonly float[] Scales = [0.667f, 1f, 0.8f];

    public static float[] Speak(ModelBundle voice, int seconds)
    {
        var manifest = voice.Manifest;
        var encoder = new PhonemeIdEncoder(manifest.Phonemes!);
        var speaker = manifest.Conditioning!.Speaker!.Presets["ava"].ToArray();
        var emotionSize = manifest.Conditioning.Emotion!.EmbeddingSize;
        var rate = manifest.SampleRate;
        var clip = new List<float>();
        for (var i = 0; clip.Count < seconds * rate; i++)
        {
            var ids = encoder.Encode(Sentences[i % Sentences.Length]).Ids.ToArray();
            var outputs = voice.GetSession(ModelComponentNames.Model).Run(new Dictionary<string, OnnxTensor>
            {
                ["input"] = OnnxTensor.Create(ids, 1, ids.Length),
                ["input_lengths"] = OnnxTensor.Create(new long[] { ids.Length }, 1),
                ["scales"] = OnnxTensor.Create(Scales, 3),
                ["speaker"] = OnnxTensor.Create(speaker, 1, speaker.Length),
                ["emotion"] = OnnxTensor.Create(new float[emotionSize], 1, emotionSize),
                ["seed"] = OnnxTensor.Create(new long[] { i }, 1),
            });
            var length = (int)outputs["output_lengths"].ToArray<long>()[0];
            clip.AddRange(outputs["output"].ToArray<float>()[..length]);
            clip.AddRange(new float[rate / 4]);
        }

        return [.. clip.Take(seconds * rate)];
    }
}
