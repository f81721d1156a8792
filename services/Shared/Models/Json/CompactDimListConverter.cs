using System.Text.Json;
using VoiceFleet.Models.Manifest;

namespace VoiceFleet.Models.Json;

/// <summary>Tensor shapes: integers (fixed) and names (symbolic).</summary>
internal sealed class CompactDimListConverter : CompactListConverter<TensorDim>
{
    protected override string Expected => "an integer or a name";

    protected override bool TryReadElement(ref Utf8JsonReader reader, out TensorDim value) => TensorDimJsonConverter.TryRead(ref reader, out value);

    protected override void WriteElement(Utf8JsonWriter writer, TensorDim value)
    {
        if (value.Symbol is { } symbol)
        {
            writer.WriteStringValue(symbol);
        }
        else
        {
            writer.WriteNumberValue(value.Size);
        }
    }
}
