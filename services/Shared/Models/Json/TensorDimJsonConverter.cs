using System.Text.Json;
using System.Text.Json.Serialization;
using VoiceFleet.Models.Manifest;

namespace VoiceFleet.Models.Json;

/// <summary>A <see cref="TensorDim"/> as a JSON integer (fixed) or string (symbolic).</summary>
internal sealed class TensorDimJsonConverter : JsonConverter<TensorDim>
{
    public override TensorDim Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TryRead(ref reader, out var dim)
            ? dim
            : throw new JsonException($"a dimension is an integer or a name; got {JsonTokens.Describe(reader.TokenType)}");

    public override void Write(Utf8JsonWriter writer, TensorDim value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Symbol is { } symbol)
        {
            writer.WriteStringValue(symbol);
        }
        else
        {
            writer.WriteNumberValue(value.Size);
        }
    }

    /// <summary>Reads a number that is an integer, or a string.</summary>
    internal static bool TryRead(ref Utf8JsonReader reader, out TensorDim dim)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out var size):
                dim = TensorDim.Fixed(size);
                return true;
            case JsonTokenType.String:
                dim = TensorDim.Symbolic(reader.GetString()!);
                return true;
            default:
                dim = default;
                return false;
        }
    }
}
