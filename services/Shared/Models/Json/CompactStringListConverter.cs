using System.Text.Json;

namespace VoiceFleet.Models.Json;

/// <summary>String lists (labels, mapped phonemes).</summary>
internal sealed class CompactStringListConverter : CompactListConverter<string>
{
    protected override string Expected => "a string";

    protected override bool TryReadElement(ref Utf8JsonReader reader, out string value)
    {
        var isString = reader.TokenType == JsonTokenType.String;
        value = isString ? reader.GetString()! : "";
        return isString;
    }

    protected override void WriteElement(Utf8JsonWriter writer, string value) => writer.WriteStringValue(value);
}
