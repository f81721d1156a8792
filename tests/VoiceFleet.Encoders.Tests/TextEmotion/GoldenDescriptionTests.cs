using System.Text.Json;
using VoiceFleet.Encoders.TextEmotion;
using Xunit;
using Xunit.Abstractions;

namespace VoiceFleet.Encoders.Tests.TextEmotion;

/// <summary>Top-1 agreement of the lexicon baseline with the <c>emotion</c> of every <c>description</c> in the golden set.</summary>
public sealed class GoldenDescriptionTests(ITestOutputHelper output)
{
    [Fact]
    public void Analyze_GoldenDescriptions_AgreesWithAtLeast90Percent()
    {
        var analyzer = new LexiconTextEmotionAnalyzer();
        var rows = File.ReadAllLines(Path.Join(AppContext.BaseDirectory, "eval", "golden.jsonl"))
            .Where(line => line.Trim().Length > 0)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(row => row.TryGetProperty("description", out _))
            .ToList();
        var misses = new List<string>();
        foreach (var row in rows)
        {
            var description = row.GetProperty("description").GetString()!;
            var expected = row.GetProperty("emotion").GetString()!;
            var result = analyzer.Analyze(description, CancellationToken.None);
            output.WriteLine($"{(result.Emotion == expected ? "ok  " : "MISS")} {expected,-10} {result.Emotion,-10} s={result.Strength:0.00} {description}  [{string.Join(", ", result.Cues)}]");
            if (result.Emotion != expected)
            {
                misses.Add($"{description}: {result.Emotion} (expected {expected})");
            }
        }

        var agreement = 1.0 - ((double)misses.Count / rows.Count);
        output.WriteLine($"top-1 agreement {agreement:P1} over {rows.Count} descriptions");
        Assert.True(rows.Count >= 49, $"only {rows.Count} descriptions read");
        Assert.True(agreement >= 0.9, $"top-1 agreement {agreement:P1}: {string.Join("; ", misses)}");
    }
}
