using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Google.Protobuf;
using VoiceFleet.Cli.Commands.Synthesis;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;

namespace VoiceFleet.Cli.Commands;

/// <summary>
/// <c>voicefleet say TEXT</c>: text in, a WAV file out, through <c>Synthesis.SynthesizeStream</c> on the gateway (the local
/// fleet's by default), with voice, emotion, strength, speed, seed and sample-rate options.
/// </summary>
internal static class SayCommand
{
    /// <summary>Enrolled voice ids start with this; any other <c>--voice</c> names a preset speaker.</summary>
    private const string EnrolledVoicePrefix = "vc_";

    public static Command Create(TextWriter output, TextWriter error, TextReader? input = null)
    {
        var text = new Argument<string>("text") { Description = "What to say: plain text (Mandarin, English, …), or '-' to read it from standard input." };
        var voice = new Option<string?>("--voice") { Description = "A preset speaker of the model (e.g. ava) or an enrolled voice id (vc_…); default: the model's default speaker." };
        var reference = new Option<string?>("--ref") { Description = "Clone the voice of this clip (WAV, MP3 or FLAC, 3–10 s of speech), sent with the request." };
        var referenceText = new Option<string?>("--ref-text") { Description = "What is said in the --ref clip." };
        var emotion = new Option<string?>("--emotion") { Description = "An emotion label: neutral, happy, sad, angry, surprised, fearful, disgusted." };
        var emotionText = new Option<string?>("--emotion-text") { Description = "How to speak, described in Mandarin or English, e.g. \"slightly annoyed, whispering\"." };
        var strength = new Option<float?>("--strength") { Description = "How far from neutral, 0–1 (default: 1 for a label, the description's own for --emotion-text)." };
        var speed = new Option<float?>("--speed") { Description = "Speaking-rate multiplier, 0.5–2.0 (default 1)." };
        var seed = new Option<ulong?>("--seed") { Description = "Same seed, same samples (default: drawn by the service; printed)." };
        var sampleRate = new Option<int?>("--sample-rate") { Description = "Output sample rate in Hz, 8000–48000 (default: the model's own)." };
        var outputPath = new Option<string>("--output", "-o") { Description = "The WAV file to write (replaced if it exists).", DefaultValueFactory = _ => "say.wav" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: path, seconds, model_version, slot, seed, warnings, real_time_factor, watermark_payload." };
        var gateway = SynthesisTarget.GatewayOption();
        var apiKey = SynthesisTarget.ApiKeyOption();
        var command = new Command("say", "Speak TEXT into a WAV file through the fleet; prints where it went, its length and the model version that spoke it.")
        {
            text, voice, reference, referenceText, emotion, emotionText, strength, speed, seed, sampleRate, outputPath, json, gateway, apiKey,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            SynthesizeRequest request;
            Metadata? headers;
            Uri address;
            try
            {
                var spoken = parse.GetValue(text)!;
                if (spoken == "-")
                {
                    spoken = await (input ?? Console.In).ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                }

                request = new SynthesizeRequest
                {
                    Text = spoken,
                    Voice = await VoiceAsync(parse.GetValue(voice), parse.GetValue(reference), parse.GetValue(referenceText), cancellationToken).ConfigureAwait(false),
                    Emotion = Emotion(parse.GetValue(emotion), parse.GetValue(emotionText), parse.GetValue(strength)),
                    Speed = parse.GetValue(speed) ?? 0,
                    SampleRateHz = parse.GetValue(sampleRate) ?? 0,
                };
                if (parse.GetValue(seed) is { } fixedSeed)
                {
                    request.Seed = fixedSeed;
                }

                address = SynthesisTarget.Resolve(parse.GetValue(gateway));
                headers = SynthesisTarget.Headers(parse.GetValue(apiKey), address);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or UriFormatException)
            {
                await error.WriteLineAsync($"voicefleet say: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            using var shutdown = ShutdownSignal.Register(cancellationToken);
            using var channel = SynthesisTarget.Connect(address);
            SpeechResult result;
            try
            {
                result = await SpeechFile.WriteAsync(new SynthesisClient(channel), request, parse.GetValue(outputPath)!, headers, shutdown.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (shutdown.Token.IsCancellationRequested && ex is OperationCanceledException or RpcException)
            {
                await error.WriteLineAsync("voicefleet say: interrupted; nothing written.").ConfigureAwait(false);
                return 130;
            }
            catch (RpcException ex)
            {
                return await SynthesisTarget.FailAsync(error, "say", ex).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"voicefleet say: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            foreach (var warning in result.Info.Warnings)
            {
                await error.WriteLineAsync($"warning {warning.Code}: {warning.Message}").ConfigureAwait(false);
            }

            await output.WriteLineAsync(parse.GetValue(json) ? ToJson(result) : ToText(result)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// One line: <c>{"path":"/…/say.wav","seconds":2.41,"sample_rate":22050,"model_version":"v21","slot":"blue","seed":7,
    /// "warnings":[{"code":…,"message":…,"field":…}],"real_time_factor":0.031,"watermark_payload":"1a2b3c4d"}</c>.
    /// </summary>
    internal static string ToJson(SpeechResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var info = result.Info;
            json.WriteStartObject();
            json.WriteString("path", result.Path);
            json.WriteNumber("seconds", Math.Round(result.Seconds, 3));
            json.WriteNumber("sample_rate", result.SampleRate);
            json.WriteString("model_version", info.ModelVersion);
            WriteStringOrNull(json, "slot", SlotName(info.Slot));
            json.WriteNumber("seed", info.Seed);
            json.WriteStartArray("warnings");
            foreach (var warning in info.Warnings)
            {
                json.WriteStartObject();
                json.WriteString("code", warning.Code);
                json.WriteString("message", warning.Message);
                json.WriteString("field", warning.Field);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("real_time_factor", Math.Round(info.RealTimeFactor, 4));
            WriteStringOrNull(json, "watermark_payload", WatermarkHex(info));
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary><c>say.wav</c> with its length and provenance, e.g. <c>wrote /…/say.wav (2.41 s, 22050 Hz) · model v21, slot blue · seed 7 · RTF 0.031</c>.</summary>
    private static string ToText(SpeechResult result)
    {
        var info = result.Info;
        var slot = SlotName(info.Slot) is { } name ? $", slot {name}" : string.Empty;
        var mark = WatermarkHex(info) is { } hex ? $" · watermark {hex}" : " · no watermark";
        return string.Create(CultureInfo.InvariantCulture, $"wrote {result.Path} ({result.Seconds:0.00} s, {result.SampleRate} Hz) · model {info.ModelVersion}{slot} · seed {info.Seed} · RTF {info.RealTimeFactor:0.000}{mark}");
    }

    /// <summary>The voice of the request: none, a preset, an enrolled id, or the clip at <paramref name="referencePath"/>.</summary>
    /// <exception cref="ArgumentException">The options contradict each other.</exception>
    /// <exception cref="IOException">The clip cannot be read.</exception>
    private static async Task<VoiceSpec?> VoiceAsync(string? voice, string? referencePath, string? referenceText, CancellationToken cancellationToken)
    {
        if (voice is not null && referencePath is not null)
        {
            throw new ArgumentException("give --voice or --ref, not both.");
        }

        if (referenceText is not null && referencePath is null)
        {
            throw new ArgumentException("--ref-text describes the --ref clip; give --ref too.");
        }

        if (referencePath is not null)
        {
            var clip = await File.ReadAllBytesAsync(referencePath, cancellationToken).ConfigureAwait(false);
            return new VoiceSpec { Reference = new ReferenceVoice { Audio = new Contracts.V1.Audio { Data = ByteString.CopyFrom(clip) }, Transcript = referenceText ?? string.Empty } };
        }

        return voice switch
        {
            null => null,
            _ when voice.StartsWith(EnrolledVoicePrefix, StringComparison.Ordinal) => new VoiceSpec { VoiceId = voice },
            _ => new VoiceSpec { PresetSpeaker = voice },
        };
    }

    /// <exception cref="ArgumentException">The options contradict each other.</exception>
    private static EmotionSpec? Emotion(string? label, string? description, float? strength)
    {
        if (label is not null && description is not null)
        {
            throw new ArgumentException("give --emotion or --emotion-text, not both.");
        }

        if (label is null && description is null)
        {
            return strength is null ? null : throw new ArgumentException("--strength sets how strong an emotion is; give --emotion or --emotion-text too.");
        }

        var emotion = label is not null ? new EmotionSpec { Label = label } : new EmotionSpec { Description = description! };
        if (strength is { } value)
        {
            emotion.Strength = value;
        }

        return emotion;
    }

    /// <summary><c>blue</c>, <c>green</c>, or null when the service did not say.</summary>
    internal static string? SlotName(Slot slot) => slot switch
    {
        Slot.Blue => "blue",
        Slot.Green => "green",
        _ => null,
    };

    /// <summary>The 32-bit payload as 8 lower-case hex digits, or null when no watermark was embedded.</summary>
    internal static string? WatermarkHex(SynthesisInfo info) =>
        info.Watermark is { Embedded: true } mark ? mark.Payload.ToString("x8", CultureInfo.InvariantCulture) : null;

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
