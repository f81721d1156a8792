using System.Text.Json;

namespace VoiceFleet.Models.Json;

/// <summary>float32 lists (embeddings), written in the shortest form that reads back to the same float.</summary>
internal sealed class CompactFloatListConverter : CompactListConverter<float>
{
    protected override string Expected => "a number";

    protected override bool TryReadElement(ref Utf8JsonReader reader, out float value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetSingle(out value);
    }

    protected override void WriteElement(Utf8JsonWriter writer, float value) => writer.WriteNumberValue(value);
}
