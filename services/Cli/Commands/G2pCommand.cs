using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using VoiceFleet.Text.Espeak;
using VoiceFleet.Text.Mandarin;

namespace VoiceFleet.Cli.Commands;

/// <summary>
/// <c>voicefleet g2p --lang zh|en [--json]</c>: grapheme-to-phoneme conversion of each line of standard input, one
/// line out per line in. Mandarin goes through VoiceFleet's lexicon G2P (one syllable per Han character: dictionary
/// pinyin and the spoken form after sandhi), English (and espeak-ng's other languages) through libespeak-ng in this
/// process, exactly as <c>espeak-ng -q --ipa</c> prints it (clauses on separate lines). No normalization: the line is
/// converted as written.
/// </summary>
internal static class G2pCommand
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(TextWriter output, TextWriter error, TextReader? input = null)
    {
        var language = new Option<string>("--lang") { Description = "zh (Mandarin lexicon G2P) or en (espeak-ng, en-us); other espeak-ng languages (en-gb, de, fr, …) work too.", Required = true };
        var json = new Option<bool>("--json") { Description = "One JSON object per line: {\"text\", \"syllables\": [{\"char\", \"pinyin\", \"spoken\"}]} for zh, {\"text\", \"phonemes\"} otherwise." };
        var data = new Option<string?>("--data") { Description = $"Folder of the Mandarin lexicon (default: {MandarinLexiconLoader.RepositoryDataPath} above this tool, or {MandarinLexiconLoader.DataDirectoryVariable})." };
        var command = new Command("g2p", "Convert each line of standard input to phonemes: pinyin for Mandarin, IPA for English.")
        {
            language, json, data,
        };

        command.SetAction(async (parse, cancellationToken) =>
            await RunAsync(parse.GetValue(language)!, parse.GetValue(json), parse.GetValue(data), input ?? Console.In, output, error, cancellationToken).ConfigureAwait(false));
        return command;
    }

    /// <summary>Runs the conversion; returns the exit code.</summary>
    internal static async Task<int> RunAsync(string language, bool json, string? dataDirectory, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        Func<string, string> convert;
        try
        {
            convert = language.Trim().ToLowerInvariant() is "zh" or "cmn" or "zh-cn"
                ? Mandarin(dataDirectory, json)
                : Espeak(language, json);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"voicefleet g2p: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception ex) when (ex is EspeakUnavailableException or FileNotFoundException or InvalidDataException or IOException)
        {
            await error.WriteLineAsync($"voicefleet g2p: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            await output.WriteLineAsync(convert(line.TrimEnd('\r'))).ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static Func<string, string> Mandarin(string? dataDirectory, bool json)
    {
        var directory = MandarinLexiconLoader.FindDataDirectory(dataDirectory);
        if (MandarinLexiconLoader.Problem(directory) is { } problem)
        {
            throw new FileNotFoundException(problem);
        }

        var g2p = new MandarinG2p(MandarinLexiconLoader.Load(directory!));
        return line =>
        {
            var syllables = g2p.Convert(line).SelectMany(w => w.Syllables).ToList();
            if (!json)
            {
                return string.Join(' ', syllables.Select(s => s.Pinyin.Length == 0 ? "?" : s.Spoken == s.Pinyin ? s.Pinyin : $"{s.Pinyin}({(s.Spoken.Length == 0 ? "r" : s.Spoken)})"));
            }

            return Json(writer =>
            {
                writer.WriteString("text", line);
                writer.WriteStartArray("syllables");
                foreach (var syllable in syllables)
                {
                    writer.WriteStartObject();
                    writer.WriteString("char", syllable.Character);
                    writer.WriteString("pinyin", syllable.Pinyin);
                    writer.WriteString("spoken", syllable.Spoken);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            });
        };
    }

    private static Func<string, string> Espeak(string language, bool json)
    {
        var engine = EspeakEngine.Open();
        if (!engine.TryResolveLanguage(language, out var voice))
        {
            throw new ArgumentException($"--lang '{language}' is neither zh nor a language espeak-ng speaks (en, en-us, en-gb, de, fr, …).");
        }

        return line =>
        {
            var phonemes = line.Trim().Length == 0 ? string.Empty : string.Join('\n', engine.Phonemize(line, voice).Select(c => c.Trim()).Where(c => c.Length > 0));
            return json ? Json(writer => { writer.WriteString("text", line); writer.WriteString("phonemes", phonemes); }) : phonemes.Replace('\n', ' ');
        };
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
