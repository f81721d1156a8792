using VoiceFleet.ModelForge;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Frontend.Tests;

/// <summary>
/// One frontend on loopback for a test class, with an override lexicon file and a model store holding a tiny Piper
/// voice (its phoneme map only: the frontend never runs the model) and the forged voices (IPA maps).
/// </summary>
public sealed class FrontendServiceFixture : IAsyncLifetime
{
    private readonly string directory = Directory.CreateTempSubdirectory("voicefleet-frontend-").FullName;

    public RunningService Service { get; private set; } = null!;

    public string OverrideFile => Path.Combine(directory, "G2P_replace_dict.jsonl");

    public string ModelStore => Path.Combine(directory, "models");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(OverrideFile, "{\"word\": \"行\", \"context\": \"银行\", \"phoneme\": \"hang2\"}\n{\"word\": \"重庆\", \"phoneme\": \"chong2 qing4\"}\n");
        var voice = Directory.CreateDirectory(Path.Combine(ModelStore, "tiny-voice", "v1")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(voice, "voice.onnx"), [0]);
        await File.WriteAllTextAsync(Path.Combine(voice, "voice.onnx.json"), """
            {
              "audio": { "sample_rate": 22050 },
              "espeak": { "voice": "en-us" },
              "phoneme_type": "espeak",
              "phoneme_id_map": { "_": [0], "^": [1], "$": [2], " ": [3], "h": [4], "ə": [5], "l": [6], "ˈ": [7], "o": [8], "ʊ": [9], ".": [10] },
              "num_symbols": 64
            }
            """);
        ForgeVoice();
        Service = await RunningService.StartAsync(
            FrontendApp.Build,
            $"--Frontend:OverrideLexiconPath={OverrideFile}",
            "--Frontend:OverrideLexiconCheckInterval=00:00:00",
            $"--Frontend:ModelStoreRoot={ModelStore}");
    }

    /// <summary>The forged end-to-end voice only (the encoders' bare "v1" would make tiny-voice's ambiguous).</summary>
    private void ForgeVoice()
    {
        var forged = Path.Combine(directory, "forged");
        new Forge().Run(forged);
        Directory.Move(Path.Combine(forged, Forge.VoiceModel), Path.Combine(ModelStore, Forge.VoiceModel));
        Directory.Delete(forged, recursive: true);
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }
}
