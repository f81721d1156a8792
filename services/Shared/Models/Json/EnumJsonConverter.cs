using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoiceFleet.Models.Json;

/// <summary>
/// An enum written as one of a fixed set of JSON strings. Strict: numbers, unknown names and other casings are errors
/// that list the names allowed.
/// </summary>
internal abstract class EnumJsonConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    private readonly Dictionary<string, T> byName;
    private readonly Dictionary<T, string> byValue;

    protected EnumJsonConverter(IReadOnlyList<(T Value, string Name)> names)
    {
        byName = names.ToDictionary(n => n.Name, n => n.Value, StringComparer.Ordinal);
        byValue = names.ToDictionary(n => n.Value, n => n.Name);
        Allowed = string.Join(", ", names.Select(n => n.Name));
    }

    /// <summary>The JSON names, comma-separated, for messages.</summary>
    public string Allowed { get; }

    /// <summary>The JSON name of <paramref name="value"/>, or null when it has none.</summary>
    public string? NameOf(T value) => byValue.GetValueOrDefault(value);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a string, one of: {Allowed}; got {JsonTokens.Describe(reader.TokenType)}");
        }

        var text = reader.GetString()!;
        return byName.TryGetValue(text, out var value)
            ? value
            : throw new JsonException($"'{text}' is not one of: {Allowed}");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var name = NameOf(value) ?? throw new JsonException($"{typeof(T).Name} {value} has no JSON name (one of: {Allowed})");
        writer.WriteStringValue(name);
    }
}
