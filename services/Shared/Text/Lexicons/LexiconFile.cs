using System.Globalization;
using System.Text.Json;

namespace VoiceFleet.Text.Lexicons;

/// <summary>Reads the override lexicon file: JSON lines of <c>word</c>, optional <c>context</c>, <c>phoneme</c>, optional <c>language</c>; blank lines are skipped.</summary>
public static class LexiconFile
{
    /// <summary>Parses <paramref name="path"/>.</summary>
    /// <exception cref="TextInputException">A line is not valid; the message names the file and line.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static List<PronunciationEntry> Read(string path, Func<string, bool>? isLanguageSupported = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var entries = new List<PronunciationEntry>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var field = string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)} line {number}");
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new TextInputException(field, "is not a JSON object");
                }

                entries.Add(EntryValidator.Validate(Text(root, "word", field), Text(root, "context", field), Text(root, "phoneme", field), Text(root, "language", field), field, isLanguageSupported));
            }
            catch (JsonException ex)
            {
                throw new TextInputException(field, "is not valid JSON: " + ex.Message);
            }
            catch (TextInputException ex) when (ex.Field.StartsWith(field + ".", StringComparison.Ordinal))
            {
                throw new TextInputException(field, $"{ex.Field[(field.Length + 1)..]}: {ex.Detail}");
            }
        }

        return entries;
    }

    private static string? Text(JsonElement root, string name, string field) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString()
            : throw new TextInputException(field, $"'{name}' must be a string");
}
