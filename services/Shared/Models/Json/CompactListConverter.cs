using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoiceFleet.Models.Json;

/// <summary>
/// A list of scalars written on one line (<c>[0.1,-0.2]</c>) even in an indented document, so embeddings, id lists
/// and shapes stay readable. Reading is strict: every element must be of the element type.
/// </summary>
internal abstract class CompactListConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    /// <summary>What an element must be, for messages ("a number").</summary>
    protected abstract string Expected { get; }

    public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"expected an array of {Expected}s; got {JsonTokens.Describe(reader.TokenType)}");
        }

        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!TryReadElement(ref reader, out var item))
            {
                throw new JsonException($"element [{items.Count}]: expected {Expected}; got {JsonTokens.Describe(reader.TokenType)}");
            }

            items.Add(item);
        }

        return items.ToArray();
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        var buffer = new ArrayBufferWriter<byte>();
        using (var line = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder, Indented = false }))
        {
            line.WriteStartArray();
            foreach (var item in value)
            {
                WriteElement(line, item);
            }

            line.WriteEndArray();
        }

        writer.WriteRawValue(buffer.WrittenSpan, skipInputValidation: true);
    }

    /// <summary>Reads the element at the reader's current token; false when the token is not one.</summary>
    protected abstract bool TryReadElement(ref Utf8JsonReader reader, out T value);

    /// <summary>Writes one element.</summary>
    protected abstract void WriteElement(Utf8JsonWriter writer, T value);
}
