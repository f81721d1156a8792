using System.Text.Json;

namespace VoiceFleet.Models.Json;

/// <summary>int64 lists (phoneme ids).</summary>
internal sealed class CompactInt64ListConverter : CompactListConverter<long>
{
    protected override string Expected => "an integer";

    protected override bool TryReadElement(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value);
    }

    protected override void WriteElement(Utf8JsonWriter writer, long value) => writer.WriteNumberValue(value);
}
