using System.Text.Json.Nodes;

namespace VoiceFleet.Models.Tests.Support;

/// <summary>Piper voice pairs written to disk: a Piper-shaped model and its config.</summary>
public static class PiperVoices
{
    /// <summary>A Piper config as Piper writes them (a subset of the real en_US id map).</summary>
    public static JsonObject Config(int speakers = 1)
    {
        var config = new JsonObject
        {
            ["dataset"] = "lessac",
            ["audio"] = new JsonObject { ["sample_rate"] = 22050, ["quality"] = "medium" },
            ["espeak"] = new JsonObject { ["voice"] = "en-us" },
            ["language"] = new JsonObject { ["code"] = "en_US", ["family"] = "en" },
            ["inference"] = new JsonObject { ["noise_scale"] = 0.667, ["length_scale"] = 1, ["noise_w"] = 0.8 },
            ["phoneme_type"] = "espeak",
            ["phoneme_map"] = new JsonObject(),
            ["phoneme_id_map"] = new JsonObject
            {
                ["_"] = new JsonArray(0),
                ["^"] = new JsonArray(1),
                ["$"] = new JsonArray(2),
                [" "] = new JsonArray(3),
                ["a"] = new JsonArray(14),
                ["h"] = new JsonArray(20),
                ["l"] = new JsonArray(24),
                ["o"] = new JsonArray(27),
                ["ə"] = new JsonArray(59),
                ["ʊ"] = new JsonArray(100),
                ["ˈ"] = new JsonArray(120),
                ["\u0303"] = new JsonArray(141),
            },
            ["num_symbols"] = 256,
            ["num_speakers"] = speakers,
            ["speaker_id_map"] = new JsonObject(),
            ["piper_version"] = "1.0.0",
        };
        if (speakers > 1)
        {
            var map = new JsonObject();
            for (var i = 0; i < speakers; i++)
            {
                map[$"speaker{i}"] = i;
            }

            config["speaker_id_map"] = map;
        }

        return config;
    }

    /// <summary>Writes <c>&lt;directory&gt;/&lt;name&gt;.onnx</c> and its config; returns the model's path.</summary>
    public static string Write(string directory, string name, JsonObject config, byte[] model)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Join(directory, name + ".onnx");
        File.WriteAllBytes(path, model);
        File.WriteAllText(path + ".json", config.ToJsonString());
        return path;
    }
}
