using System.Text.Json;
using Google.Protobuf;
using VoiceFleet.Contracts.V1;

namespace VoiceFleet.Cli.Commands.Synthesis;

/// <summary>
/// One line of a batch file, in the design notes' JSONL shape:
/// <c>{"input_text": …, "prompt_audio": "ref.wav", "prompt_text": …, "emotion": "happy" | "emotion_description": … |
/// "emotion_audio": "angry.wav", "output_name": "name"}</c>. Only <c>input_text</c> is required; other keys are ignored.
/// </summary>
/// <param name="Line">1-based line number in the file.</param>
/// <param name="InputText">What to say.</param>
/// <param name="PromptAudio">The voice to clone: a clip path, relative to the batch file's folder; null for the default speaker.</param>
/// <param name="PromptText">What is said in <paramref name="PromptAudio"/>.</param>
/// <param name="Emotion">An emotion label.</param>
/// <param name="EmotionDescription">An emotion described in words.</param>
/// <param name="EmotionAudio">A clip whose emotion to take (path as <paramref name="PromptAudio"/>).</param>
/// <param name="FileName">The output file name (<see cref="OutputName.ToFileName"/>); <c>line-N.wav</c> when the line names none.</param>
internal sealed record BatchTask(
    int Line,
    string InputText,
    string? PromptAudio,
    string? PromptText,
    string? Emotion,
    string? EmotionDescription,
    string? EmotionAudio,
    string FileName)
{
    /// <summary>Reads one line.</summary>
    /// <exception cref="InvalidDataException">The line is not a JSON object of this shape; the message says what is wrong.</exception>
    public static BatchTask Parse(string json, int line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"not JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"expected a JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}.");
            }

            var input = String(root, "input_text") ?? throw new InvalidDataException("input_text is missing.");
            var task = new BatchTask(
                line,
                input,
                String(root, "prompt_audio"),
                String(root, "prompt_text"),
                String(root, "emotion"),
                String(root, "emotion_description"),
                String(root, "emotion_audio"),
                OutputName.ToFileName(String(root, "output_name") ?? $"line-{line}"));
            if (task.PromptText is not null && task.PromptAudio is null)
            {
                throw new InvalidDataException("prompt_text describes prompt_audio; give prompt_audio too.");
            }

            if (new[] { task.Emotion, task.EmotionDescription, task.EmotionAudio }.Count(e => e is not null) > 1)
            {
                throw new InvalidDataException("give at most one of emotion, emotion_description and emotion_audio.");
            }

            return task;
        }
    }

    /// <summary>The request for this task, with its clips read from disk (paths relative to <paramref name="folder"/>).</summary>
    /// <exception cref="IOException">A clip cannot be read.</exception>
    public async Task<SynthesizeRequest> ToRequestAsync(string folder, CancellationToken cancellationToken)
    {
        var request = new SynthesizeRequest { Text = InputText };
        if (PromptAudio is not null)
        {
            request.Voice = new VoiceSpec
            {
                Reference = new ReferenceVoice { Audio = await ReadClipAsync(folder, PromptAudio, cancellationToken).ConfigureAwait(false), Transcript = PromptText ?? string.Empty },
            };
        }

        if (Emotion is not null)
        {
            request.Emotion = new EmotionSpec { Label = Emotion };
        }
        else if (EmotionDescription is not null)
        {
            request.Emotion = new EmotionSpec { Description = EmotionDescription };
        }
        else if (EmotionAudio is not null)
        {
            request.Emotion = new EmotionSpec { ReferenceAudio = await ReadClipAsync(folder, EmotionAudio, cancellationToken).ConfigureAwait(false) };
        }

        return request;
    }

    private static async Task<Contracts.V1.Audio> ReadClipAsync(string folder, string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, path), cancellationToken).ConfigureAwait(false);
        return new Contracts.V1.Audio { Data = ByteString.CopyFrom(bytes) };
    }

    /// <summary>The string at <paramref name="name"/>; null when absent or JSON null.</summary>
    /// <exception cref="InvalidDataException">The value is there but not a string.</exception>
    private static string? String(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new InvalidDataException($"{name} must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}.");
}
