using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using VoiceFleet.Models.Json;
using VoiceFleet.Models.Manifest;
using Xunit;

namespace VoiceFleet.Models.Tests.Schema;

/// <summary>docs/schemas/model.schema.json lists the same properties as the records (a cheap consistency check).</summary>
public sealed class ModelSchemaTests
{
    private static readonly Lazy<JsonDocument> Schema = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Join(AppContext.BaseDirectory, "schemas", "model.schema.json"))));

    public static TheoryData<string, string> Definitions => new()
    {
        { "file", nameof(ModelFile) },
        { "component", nameof(ModelComponent) },
        { "tensor", nameof(TensorSpec) },
        { "phonemes", nameof(PhonemeSpec) },
        { "inference", nameof(InferenceDefaults) },
        { "mel", nameof(MelSpec) },
        { "conditioning", nameof(ConditioningSpec) },
        { "speaker", nameof(SpeakerConditioning) },
        { "emotion", nameof(EmotionConditioning) },
        { "encoderRef", nameof(EncoderRef) },
        { "features", nameof(FeatureSpec) },
    };

    [Fact]
    public void Schema_IsDraft2020_12WithTheManifestsTopLevelProperties()
    {
        var root = Schema.Value.RootElement;

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.Equal(PropertyNames(typeof(ModelManifest)), SchemaProperties(root));
        Assert.Equal(ModelManifest.SchemaId, root.GetProperty("properties").GetProperty("schema").GetProperty("const").GetString());
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Schema_EachDefinition_ListsTheRecordsProperties(string definition, string record)
    {
        var type = typeof(ModelManifest).Assembly.GetType($"VoiceFleet.Models.Manifest.{record}", throwOnError: true)!;

        var schema = Schema.Value.RootElement.GetProperty("$defs").GetProperty(definition);

        Assert.Equal(PropertyNames(type), SchemaProperties(schema));
    }

    [Fact]
    public void Schema_Enums_MatchTheJsonNames()
    {
        var defs = Schema.Value.RootElement.GetProperty("$defs");

        Assert.Equal(ModelKindJsonConverter.Instance.Allowed.Split(", "), Enum(Schema.Value.RootElement.GetProperty("properties").GetProperty("kind")));
        Assert.Equal(TensorRoleJsonConverter.Instance.Allowed.Split(", "), Enum(defs.GetProperty("tensor").GetProperty("properties").GetProperty("role")));
        Assert.Equal(ElementTypeJsonConverter.Instance.Allowed.Split(", "), Enum(defs.GetProperty("tensor").GetProperty("properties").GetProperty("type")));
    }

    [Fact]
    public void Schema_NamePattern_IsTheValidatorsPattern()
    {
        var defs = Schema.Value.RootElement.GetProperty("$defs");

        Assert.Equal(ModelNames.Pattern, defs.GetProperty("name").GetProperty("pattern").GetString());
    }

    private static string[] PropertyNames(Type type)
    {
        var info = ModelManifestJsonContext.Default.GetTypeInfo(type)!;
        Assert.Equal(JsonTypeInfoKind.Object, info.Kind);
        return info.Properties.Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
    }

    private static string[] SchemaProperties(JsonElement schema) =>
        schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    private static string[] Enum(JsonElement schema) =>
        schema.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray();
}
