using System.Text.Json.Nodes;
using VoiceFleet.Deploy.Tests.Infrastructure;

namespace VoiceFleet.Deploy.Tests;

/// <summary>The small JSON Schema checker the chart's values are validated with.</summary>
public sealed class JsonSchemaTests
{
    private static readonly JsonNode Schema = JsonNode.Parse("""
        {
          "type": "object",
          "required": ["tag", "replicas"],
          "additionalProperties": false,
          "properties": {
            "tag": { "type": "string", "pattern": "^[0-9]+\\.[0-9]+\\.[0-9]+$" },
            "replicas": { "type": "integer", "minimum": 1, "maximum": 10 },
            "storage": { "type": "string", "enum": ["sqlite", "postgres"] },
            "steps": { "type": "array", "minItems": 1, "items": { "type": "integer" } },
            "labels": { "type": "object", "additionalProperties": { "type": "string" } }
          }
        }
        """)!;

    [Fact]
    public void Validate_AValidDocument_HasNoErrors()
    {
        var value = JsonNode.Parse("""{"tag":"1.2.3","replicas":3,"storage":"postgres","steps":[1,5],"labels":{"a":"b"}}""");
        Assert.Empty(JsonSchema.Validate(Schema, value));
    }

    [Theory]
    [InlineData("""{"tag":"latest","replicas":3}""", "does not match")]
    [InlineData("""{"tag":"1.2.3","replicas":"3"}""", "expected integer")]
    [InlineData("""{"tag":"1.2.3","replicas":1.5}""", "expected integer")]
    [InlineData("""{"tag":"1.2.3","replicas":0}""", "below")]
    [InlineData("""{"tag":"1.2.3"}""", "missing required 'replicas'")]
    [InlineData("""{"tag":"1.2.3","replicas":1,"storage":"redis"}""", "is not one of")]
    [InlineData("""{"tag":"1.2.3","replicas":1,"replica":1}""", "unknown property 'replica'")]
    [InlineData("""{"tag":"1.2.3","replicas":1,"steps":[]}""", "fewer than 1 items")]
    [InlineData("""{"tag":"1.2.3","replicas":1,"steps":["5"]}""", "$.steps[0]: expected integer")]
    [InlineData("""{"tag":"1.2.3","replicas":1,"labels":{"a":1}}""", "$.labels.a: expected string")]
    public void Validate_AnInvalidDocument_SaysWhatIsWrong(string json, string expected)
    {
        var errors = JsonSchema.Validate(Schema, JsonNode.Parse(json));
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AnUnsupportedKeyword_IsRefused()
    {
        Assert.Throws<NotSupportedException>(() => JsonSchema.Validate(JsonNode.Parse("""{"oneOf":[]}""")!, JsonNode.Parse("1")));
    }
}
