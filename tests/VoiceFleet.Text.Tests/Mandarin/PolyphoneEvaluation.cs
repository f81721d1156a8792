using System.Text.Json;
using VoiceFleet.Text.Mandarin;

namespace VoiceFleet.Text.Tests.Mandarin;

/// <summary>Scores dictionary readings against a polyphone set (JSON lines of text and [character, index, reading] checks).</summary>
internal static class PolyphoneEvaluation
{
    /// <summary>Result of one evaluation.</summary>
    public sealed record Score(int Correct, int Total, IReadOnlyList<string> Misses)
    {
        public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
    }

    /// <summary>Scores <paramref name="readings"/> (text → dictionary reading per character index, null where none).</summary>
    public static Score Run(string path, Func<string, IReadOnlyDictionary<int, string>> readings)
    {
        var correct = 0;
        var total = 0;
        var misses = new List<string>();
        foreach (var line in File.ReadLines(path).Where(l => l.Trim().Length > 0))
        {
            using var document = JsonDocument.Parse(line);
            var text = document.RootElement.GetProperty("text").GetString()!;
            var got = readings(text);
            foreach (var check in document.RootElement.GetProperty("checks").EnumerateArray())
            {
                var character = check[0].GetString()!;
                var index = check[1].GetInt32();
                var expected = check[2].GetString()!;
                if (text.Substring(index, 1) != character)
                {
                    throw new InvalidDataException($"{path}: '{text}' has '{text[index]}' at {index}, the check says '{character}'");
                }

                total++;
                var reading = got.GetValueOrDefault(index, "?");
                if (reading == expected)
                {
                    correct++;
                }
                else
                {
                    misses.Add($"{text} [{index}] {character}: expected {expected}, got {reading}");
                }
            }
        }

        return new Score(correct, total, misses);
    }

    /// <summary>The full G2P: segmentation, phrase readings, rules.</summary>
    public static IReadOnlyDictionary<int, string> Lexicon(MandarinG2p g2p, string text)
    {
        var result = new Dictionary<int, string>();
        foreach (var word in g2p.Convert(text))
        {
            for (var k = 0; k < word.Syllables.Count; k++)
            {
                result[word.Start + k] = word.Syllables[k].Pinyin;
            }
        }

        return result;
    }

    /// <summary>The baseline: each character's own most frequent reading, no words, no context.</summary>
    public static IReadOnlyDictionary<int, string> CharacterBaseline(MandarinLexicon lexicon, string text)
    {
        var result = new Dictionary<int, string>();
        for (var i = 0; i < text.Length; i++)
        {
            if (lexicon.Lookup(text.Substring(i, 1)) is [var reading])
            {
                result[i] = reading;
            }
        }

        return result;
    }
}
