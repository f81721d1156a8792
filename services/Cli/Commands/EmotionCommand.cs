using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;

namespace VoiceFleet.Cli.Commands;

/// <summary><c>voicefleet emotion DESCRIPTION</c>: what emotion and strength a description asks for (the Encoders' text-to-emotion).</summary>
internal static class EmotionCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var description = new Argument<string>("description") { Description = "How to speak, in Mandarin or English, e.g. \"惊讶又略带怀疑地说\" or \"slightly annoyed, whispering\"." };
        var json = new Option<bool>("--json") { Description = "Print {\"emotion\": ..., \"strength\": ..., \"distribution\": {...}}." };
        var strict = new Option<bool>("--strict") { Description = "Fail instead of falling back to neutral when nothing is recognised." };
        var encoders = VoicesCommand.EncodersOption();
        var command = new Command("emotion", "Read the emotion, its strength and the distribution over the emotion labels from a description.")
        {
            description, json, strict, encoders,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var channel = VoicesCommand.Connect(parse.GetValue(encoders));
            EmbedEmotionResponse response;
            try
            {
                response = await new EncodersClient(channel).EmbedEmotionAsync(
                    new EmbedEmotionRequest { Emotion = new EmotionSpec { Description = parse.GetValue(description)! }, Strict = parse.GetValue(strict) }, new CallOptions(CancellationToken: cancellationToken)).ResponseAsync.ConfigureAwait(false);
            }
            catch (RpcException ex)
            {
                return await VoicesCommand.FailAsync(error, "emotion", ex).ConfigureAwait(false);
            }

            foreach (var warning in response.Warnings)
            {
                await error.WriteLineAsync($"warning {warning.Code}: {warning.Message}").ConfigureAwait(false);
            }

            await output.WriteLineAsync(parse.GetValue(json) ? ToJson(response) : ToText(response)).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>One line: <c>{"emotion":"angry","strength":0.91,"distribution":{"neutral":0.05,...}}</c>.</summary>
    internal static string ToJson(EmbedEmotionResponse response)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("emotion", response.Emotion);
            json.WriteNumber("strength", Math.Round(response.Strength, 3));
            json.WriteStartObject("distribution");
            foreach (var p in response.Distribution)
            {
                json.WriteNumber(p.Label, Math.Round(p.Probability, 4));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string ToText(EmbedEmotionResponse response)
    {
        var lines = new List<string> { string.Create(CultureInfo.InvariantCulture, $"{response.Emotion} (strength {response.Strength:0.00})") };
        lines.AddRange(response.Distribution.OrderByDescending(p => p.Probability)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"  {p.Label,-10} {p.Probability:0.000}  {new string('#', (int)Math.Round(p.Probability * 40))}")));
        return string.Join(Environment.NewLine, lines);
    }
}
