using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;

namespace VoiceFleet.Cli.Commands;

/// <summary><c>voicefleet voices add|list|rm</c>: the enrolled voices of an Encoders service, over gRPC.</summary>
internal static class VoicesCommand
{
    /// <summary>The Encoders gRPC address of the local fleet (<c>voicefleet up</c>, port base 7000).</summary>
    public const string DefaultAddress = "http://127.0.0.1:7020";

    /// <summary>The environment variable that overrides <see cref="DefaultAddress"/>.</summary>
    public const string AddressVariable = "VOICEFLEET_ENCODERS_URL";

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static Command Create(TextWriter output, TextWriter error) => new("voices", "Enrolled voices: add one (with its consent record), list them, remove one.")
    {
        CreateAdd(output, error),
        CreateList(output, error),
        CreateRemove(output, error),
    };

    /// <summary>The <c>--encoders URL</c> option every Encoders command takes.</summary>
    public static Option<string?> EncodersOption() => new("--encoders")
    {
        Description = $"The Encoders gRPC address (default: ${AddressVariable}, else {DefaultAddress}, the local fleet).",
    };

    /// <summary>A channel to the address given, the environment's, or the local fleet's.</summary>
    public static GrpcChannel Connect(string? address)
    {
        var target = !string.IsNullOrWhiteSpace(address) ? address
            : Environment.GetEnvironmentVariable(AddressVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : DefaultAddress;
        return GrpcChannel.ForAddress(new Uri(target), new GrpcChannelOptions { DefaultTimeout = TimeSpan.FromSeconds(60) });
    }

    /// <summary>Prints a failed call as one line and returns the exit code (1).</summary>
    public static async Task<int> FailAsync(TextWriter error, string command, RpcException ex, string addressOption = "--encoders")
    {
        var hint = ex.StatusCode == StatusCode.Unavailable ? $" (is the fleet running? 'voicefleet up', or {addressOption} URL)" : string.Empty;
        await error.WriteLineAsync($"voicefleet {command}: {ex.StatusCode}: {ex.Status.Detail}{hint}").ConfigureAwait(false);
        return 1;
    }

    private static Command CreateAdd(TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("name") { Description = "Display name of the voice." };
        var audio = new Option<string>("--audio") { Description = "The reference clip: WAV, MP3 or FLAC, 3–10 s of speech recommended.", Required = true };
        var transcript = new Option<string>("--transcript") { Description = "What is said in the clip.", Required = true };
        var speaker = new Option<string>("--consent-speaker") { Description = "Who consented (the person whose voice it is).", Required = true };
        var time = new Option<string?>("--consent-time") { Description = "When they consented (RFC 3339; default: now)." };
        var evidence = new Option<string>("--consent-evidence") { Description = "Where the evidence of consent is kept (URI or document reference).", Required = true };
        var scope = new Option<string?>("--consent-scope") { Description = "What the consent covers." };
        var language = new Option<string?>("--language") { Description = "BCP-47 language of the clip (default: detected from the transcript)." };
        var strict = new Option<bool>("--strict") { Description = "Refuse a clip outside the recommended range instead of warning." };
        var json = new Option<bool>("--json") { Description = "Print the enrolled voice as JSON." };
        var encoders = EncodersOption();
        var command = new Command("add", "Enrol a voice from a reference clip, its transcript and a consent record; prints its voice id.")
        {
            name, audio, transcript, speaker, time, evidence, scope, language, strict, json, encoders,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            byte[] bytes;
            DateTimeOffset consentTime;
            try
            {
                bytes = await File.ReadAllBytesAsync(parse.GetValue(audio)!, cancellationToken).ConfigureAwait(false);
                var timeText = parse.GetValue(time);
                consentTime = string.IsNullOrEmpty(timeText)
                    ? DateTimeOffset.UtcNow
                    : DateTimeOffset.Parse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                await error.WriteLineAsync($"voicefleet voices add: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            var request = new EnrollVoiceRequest
            {
                Name = parse.GetValue(name)!,
                Transcript = parse.GetValue(transcript)!,
                Language = parse.GetValue(language) ?? string.Empty,
                Strict = parse.GetValue(strict),
                ReferenceAudio = new VoiceFleet.Contracts.V1.Audio { Data = ByteString.CopyFrom(bytes) },
                Consent = new ConsentRecord
                {
                    Speaker = parse.GetValue(speaker)!,
                    ConsentTime = Timestamp.FromDateTimeOffset(consentTime),
                    EvidenceRef = parse.GetValue(evidence)!,
                    Scope = parse.GetValue(scope) ?? string.Empty,
                },
            };
            using var channel = Connect(parse.GetValue(encoders));
            try
            {
                var response = await new EncodersClient(channel).EnrollVoiceAsync(request, new CallOptions(CancellationToken: cancellationToken)).ResponseAsync.ConfigureAwait(false);
                foreach (var warning in response.Warnings)
                {
                    await error.WriteLineAsync($"warning {warning.Code}: {warning.Message}").ConfigureAwait(false);
                }

                var voice = response.Voice;
                await output.WriteLineAsync(parse.GetValue(json)
                    ? Json.Format(voice)
                    : FormattableString.Invariant($"{voice.VoiceId}  {voice.Name}  ({voice.Language}, {voice.Quality.SpeechSeconds:0.0} s of speech{(voice.Quality.Recommended ? string.Empty : ", outside the recommended range")})")).ConfigureAwait(false);
                return 0;
            }
            catch (RpcException ex)
            {
                return await FailAsync(error, "voices add", ex).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static Command CreateList(TextWriter output, TextWriter error)
    {
        var json = new Option<bool>("--json") { Description = "Print the voices as JSON ({\"voices\": [...]})." };
        var encoders = EncodersOption();
        var command = new Command("list", "List enrolled voices, newest first.") { json, encoders };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var channel = Connect(parse.GetValue(encoders));
            var client = new EncodersClient(channel);
            var all = new ListVoicesResponse();
            try
            {
                var token = string.Empty;
                do
                {
                    var page = await client.ListVoicesAsync(new ListVoicesRequest { PageSize = 1000, PageToken = token }, new CallOptions(CancellationToken: cancellationToken)).ResponseAsync.ConfigureAwait(false);
                    all.Voices.AddRange(page.Voices);
                    token = page.NextPageToken;
                }
                while (token.Length > 0);
            }
            catch (RpcException ex)
            {
                return await FailAsync(error, "voices list", ex).ConfigureAwait(false);
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(Json.Format(all)).ConfigureAwait(false);
                return 0;
            }

            if (all.Voices.Count == 0)
            {
                await output.WriteLineAsync("no enrolled voices").ConfigureAwait(false);
                return 0;
            }

            await output.WriteLineAsync($"{"VOICE ID",-29} {"NAME",-24} {"LANG",-6} {"CREATED (UTC)",-20} CREATED BY").ConfigureAwait(false);
            foreach (var voice in all.Voices)
            {
                var created = voice.CreateTime.ToDateTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                await output.WriteLineAsync($"{voice.VoiceId,-29} {Clip(voice.Name, 24),-24} {voice.Language,-6} {created,-20} {voice.CreatedBy}").ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    private static Command CreateRemove(TextWriter output, TextWriter error)
    {
        var id = new Argument<string>("voice-id") { Description = "The voice to delete (with its audio and every cached embedding)." };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the audit log)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var encoders = EncodersOption();
        var command = new Command("rm", "Delete an enrolled voice, its stored audio and its embeddings.") { id, reason, json, encoders };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var channel = Connect(parse.GetValue(encoders));
            try
            {
                var response = await new EncodersClient(channel).DeleteVoiceAsync(
                    new DeleteVoiceRequest { VoiceId = parse.GetValue(id)!, Reason = parse.GetValue(reason) ?? string.Empty }, new CallOptions(CancellationToken: cancellationToken)).ResponseAsync.ConfigureAwait(false);
                await output.WriteLineAsync(parse.GetValue(json)
                    ? Json.Format(response)
                    : $"deleted {response.VoiceId} ({response.RemovedEmbeddings} cached embedding(s) removed)").ConfigureAwait(false);
                return 0;
            }
            catch (RpcException ex)
            {
                return await FailAsync(error, "voices rm", ex).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static string Clip(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");
}
