using VoiceFleet.ModelForge;
using VoiceFleet.ModelForge.Voice;
using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Phonemes;
using VoiceFleet.Models.Store;
using VoiceFleet.Onnx.Runtime;
using Xunit;

namespace VoiceFleet.Encoders.Tests.Support;

/// <summary>
/// The forged model store, written once per test run (about 20 s of calibration), with the baseline voice
/// loaded so tests can make reference clips of any speaker and emotion.
/// </summary>
public sealed class ForgedModels : IDisposable
{
    /// <summary>Sentences of our own (IPA, one symbol per character), spoken by the forged voice.</summary>
    public static readonly string[] Sentences =
    [
        "ðɪs ɪz ə ʃˈɔːt tˈɛst ɒv ðə vˈɔɪs.",
        "wiː wˈɔːkt əlˈɔŋ ðə ɹˈɪvɚ ɪn ðə mˈɔːɹnɪŋ.",
        "ʃiː bˈɔːt fˈɹɛʃ bɹˈɛd ænd sˈʌm tʃˈiːz.",
        "ðə bˈʌs wɪl lˈiːv ɐt sˈɛvən ə klˈɑːk.",
        "hiː ɹˈɛd ðə lˈɛtɚ twˈaɪs bɪfˈɔːɹ hiː slˈɛpt.",
        "mˈɛni bˈɜːdz flˈuː sˈaʊθ lˈæst wˈiːk.",
        "kˈʊd juː pˈæs mˈiː ðə sˈɔːlt, plˈiːz?",
        "ðə ɡˈɑːɹdən ɪz fˈʊl ɒv ɹˈɛd ɹˈoʊzɪz.",
    ];

    private readonly ModelBundle _voice;
    private readonly PhonemeIdEncoder _phonemes;

    public ForgedModels()
    {
        Root = Path.Join(Path.GetTempPath(), $"voicefleet-encoders-forge-{Guid.NewGuid():N}");
        new Forge().Run(Root);
        Store = new ModelStore(new ModelStoreOptions { Root = Root });
        _voice = Store.Load(Forge.VoiceModel, "v21");
        _phonemes = new PhonemeIdEncoder(_voice.Manifest.Phonemes!);
    }

    public string Root { get; }

    public ModelStore Store { get; }

    /// <summary>The voice's sample rate.</summary>
    public int SampleRate => _voice.Manifest.SampleRate;

    /// <summary>The emotion labels and prototypes of the voice, in logit order.</summary>
    public EmotionConditioning Emotions => _voice.Manifest.Conditioning!.Emotion!;

    /// <summary>A preset speaker's embedding.</summary>
    public float[] Preset(string name) => [.. _voice.Manifest.Conditioning!.Speaker!.Presets[name]];

    /// <summary>A speaker of the forge's speaker space with the given timbre code (pitch, formants, tilt in −1…1).</summary>
    public static float[] Speaker(float[] code, ulong identity) => SpeakerSpace.Embed(code, identity);

    /// <summary>A label's prototype scaled by <paramref name="strength"/>.</summary>
    public float[] Emotion(string label, float strength = 1) =>
        Emotions.Prototypes.TryGetValue(label, out var p) ? [.. p.Select(v => v * strength)] : new float[Emotions.EmbeddingSize];

    /// <summary>The voice speaking sentence <paramref name="sentence"/>, trimmed to its length (22.05 kHz mono).</summary>
    public float[] Speak(int sentence, float[] speaker, float[]? emotion = null, long seed = 0)
    {
        var ids = _phonemes.Encode(Sentences[sentence % Sentences.Length]).Ids.ToArray();
        var outputs = _voice.GetSession(ModelComponentNames.Model).Run(new Dictionary<string, OnnxTensor>
        {
            ["input"] = OnnxTensor.Create(ids, 1, ids.Length),
            ["input_lengths"] = OnnxTensor.Create(new long[] { ids.Length }, 1),
            ["scales"] = OnnxTensor.Create(new[] { 0.667f, 1f, 0.8f }, 3),
            ["speaker"] = OnnxTensor.Create(speaker, 1, speaker.Length),
            ["emotion"] = OnnxTensor.Create(emotion ?? new float[Emotions.EmbeddingSize], 1, Emotions.EmbeddingSize),
            ["seed"] = OnnxTensor.Create(new[] { seed }, 1),
        });
        var length = (int)outputs["output_lengths"].ToArray<long>()[0];
        return outputs["output"].ToArray<float>()[..length];
    }

    /// <summary>Several sentences of one speaker joined with 0.3 s pauses, for clips of a chosen length.</summary>
    public float[] SpeakFor(double seconds, float[] speaker, float[]? emotion = null, int firstSentence = 0)
    {
        var clip = new List<float>();
        var pause = new float[(int)(0.3 * SampleRate)];
        for (var i = firstSentence; clip.Count < seconds * SampleRate; i++)
        {
            clip.AddRange(Speak(i, speaker, emotion, seed: i));
            clip.AddRange(pause);
        }

        return [.. clip.Take((int)(seconds * SampleRate))];
    }

    public void Dispose()
    {
        _voice.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}

/// <summary>Tests that need the forged models share one forge run.</summary>
[CollectionDefinition(Name)]
public sealed class ForgedModelsGroup : ICollectionFixture<ForgedModels>
{
    public const string Name = "forged models";
}
