using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VoiceFleet.Deploy.Tests.Infrastructure;

/// <summary>
/// The part of JSON Schema (draft-07) that values.schema.json uses: type, properties, required,
/// additionalProperties, items, enum, pattern, minLength, minimum, maximum, minItems. Any other
/// keyword is refused, so the schema cannot silently rely on one this check ignores.
/// </summary>
internal static class JsonSchema
{
    private static readonly HashSet<string> Supported =
    [
        "$schema", "title", "description", "type", "properties", "required", "additionalProperties", "items",
        "enum", "pattern", "minLength", "minimum", "maximum", "minItems",
    ];

    /// <summary>Every violation, as "path: problem"; empty when <paramref name="value"/> is valid.</summary>
    public static IReadOnlyList<string> Validate(JsonNode schema, JsonNode? value)
    {
        var errors = new List<string>();
        Check(schema.AsObject(), value, "$", errors);
        return errors;
    }

    private static void Check(JsonObject schema, JsonNode? value, string path, List<string> errors)
    {
        var unknown = schema.Select(p => p.Key).Where(k => !Supported.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new NotSupportedException($"schema at {path} uses unsupported keywords: {string.Join(", ", unknown)}");
        }

        if (schema["type"] is { } type)
        {
            var allowed = type is JsonArray many ? many.Select(t => (string)t!).ToList() : [(string)type!];
            if (!allowed.Any(t => HasType(value, t)))
            {
                errors.Add($"{path}: expected {string.Join(" or ", allowed)}, got {Describe(value)}");
                return;
            }
        }

        if (schema["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
        {
            errors.Add($"{path}: {Describe(value)} is not one of {options.ToJsonString()}");
        }

        if (value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String)
        {
            var text = (string)scalar!;
            if (schema["minLength"] is { } minLength && text.Length < (int)minLength)
            {
                errors.Add($"{path}: shorter than {minLength}");
            }

            if (schema["pattern"] is { } pattern && !Regex.IsMatch(text, (string)pattern!, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                errors.Add($"{path}: '{text}' does not match {pattern}");
            }
        }

        if (value is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
        {
            var n = Number(number);
            if (schema["minimum"] is { } min && n < Number(min))
            {
                errors.Add($"{path}: {n} is below {min}");
            }

            if (schema["maximum"] is { } max && n > Number(max))
            {
                errors.Add($"{path}: {n} is above {max}");
            }
        }

        if (value is JsonArray array)
        {
            if (schema["minItems"] is { } minItems && array.Count < (int)minItems)
            {
                errors.Add($"{path}: fewer than {minItems} items");
            }

            if (schema["items"] is JsonObject itemSchema)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    Check(itemSchema, array[i], $"{path}[{i}]", errors);
                }
            }
        }

        if (value is JsonObject obj)
        {
            var properties = schema["properties"] as JsonObject ?? [];
            foreach (var required in schema["required"] as JsonArray ?? [])
            {
                if (!obj.ContainsKey((string)required!))
                {
                    errors.Add($"{path}: missing required '{required}'");
                }
            }

            foreach (var (name, child) in obj)
            {
                if (properties[name] is JsonObject childSchema)
                {
                    Check(childSchema, child, $"{path}.{name}", errors);
                }
                else if (schema["additionalProperties"] is JsonObject extraSchema)
                {
                    Check(extraSchema, child, $"{path}.{name}", errors);
                }
                else if (schema["additionalProperties"] is JsonValue allowExtra && !(bool)allowExtra)
                {
                    errors.Add($"{path}: unknown property '{name}'");
                }
            }
        }
    }

    private static bool HasType(JsonNode? value, string type) => type switch
    {
        "null" => value is null,
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        "boolean" => value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "number" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
        "integer" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && Math.Abs(Number(v) % 1) < double.Epsilon,
        _ => throw new NotSupportedException($"type '{type}'"),
    };

    private static double Number(JsonNode value) => double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);

    private static string Describe(JsonNode? value) => value is null ? "null" : $"{value.GetValueKind()} {value.ToJsonString()}";
}
