using System.Text.Json;

namespace VoiceFleet.Cli.Demo;

/// <summary>One input the synthetic users speak: a short text, its language and the emotion asked for.</summary>
internal sealed record TrafficText(string Text, string Language, string Emotion)
{
    private static readonly TrafficText[] BuiltIn =
    [
        new("Your table is ready.", "en", "happy"),
        new("The train is delayed by ten minutes.", "en", "neutral"),
        new("I can't believe you did that!", "en", "angry"),
        new("We will miss you.", "en", "sad"),
        new("Wait, you won the prize?", "en", "surprised"),
        new("Did you hear that noise?", "en", "fearful"),
        new("This milk has gone off.", "en", "disgusted"),
        new("今天的天气真好。", "zh", "happy"),
        new("请在出发前确认您的证件。", "zh", "neutral"),
        new("他再也不会回来了。", "zh", "sad"),
    ];

    /// <summary>
    /// The short lines of a golden set (JSONL with <c>text</c>, <c>lang</c>, <c>emotion</c>), or built-in sentences when
    /// <paramref name="goldenSet"/> is missing or holds none.
    /// </summary>
    public static IReadOnlyList<TrafficText> Load(string? goldenSet, int maxChars = 40)
    {
        if (goldenSet is null || !File.Exists(goldenSet))
        {
            return BuiltIn;
        }

        var texts = new List<TrafficText>();
        foreach (var line in File.ReadLines(goldenSet))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var item = JsonDocument.Parse(line);
                var root = item.RootElement;
                if (root.TryGetProperty("text", out var text) && text.GetString() is { Length: > 0 } value && value.Length <= maxChars)
                {
                    texts.Add(new TrafficText(
                        value,
                        root.TryGetProperty("lang", out var lang) ? lang.GetString() ?? string.Empty : string.Empty,
                        root.TryGetProperty("emotion", out var emotion) ? emotion.GetString() ?? "neutral" : "neutral"));
                }
            }
            catch (JsonException)
            {
                // A line that is not JSON is not a text to speak.
            }
        }

        return texts.Count > 0 ? texts : BuiltIn;
    }
}
