using VoiceFleet.ModelForge.Voice;
using VoiceFleet.Onnx.Runtime;

namespace VoiceFleet.ModelForge.Tests.Voice;

/// <summary>Opens every forged voice version once per test class.</summary>
public sealed class VoiceFixture : IDisposable
{
    private readonly Dictionary<string, OnnxSession> _sessions = [];

    public VoiceFixture()
    {
        foreach (var design in VoiceDesign.All)
        {
            _sessions[design.Version] = OnnxSession.FromBytes(VoiceGraph.EndToEnd(design));
        }
    }

    internal VoiceRunner Runner(string version) => new(_sessions[version]);

    internal OnnxSession Session(string version) => _sessions[version];

    internal float[] Speak(string version, int sentence = 0, int speaker = 0, int emotion = 0, float strength = 1f, long seed = 0, float[]? scales = null) =>
        Runner(version).Speak([Request(sentence, speaker, emotion, strength, seed, scales)])[0];

    internal static VoiceRequest Request(int sentence = 0, int speaker = 0, int emotion = 0, float strength = 1f, long seed = 0, float[]? scales = null) =>
        new(
            ForgeCorpus.Encode(ForgeCorpus.Sentences[sentence]),
            SpeakerSpace.PresetEmbedding(speaker),
            [.. EmotionSpace.Prototype(emotion).Select(v => v * strength)],
            seed,
            scales);

    public void Dispose()
    {
        foreach (var session in _sessions.Values)
        {
            session.Dispose();
        }
    }
}
