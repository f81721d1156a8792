using System.Text.Json.Serialization;
using VoiceFleet.Models.Manifest;

namespace VoiceFleet.Models.Json;

/// <summary>
/// model.json: camelCase names, strict types (a null where the record has no nullable property fails, numbers are not
/// read from strings), unknown properties ignored, two-space indentation with <c>\n</c> line ends.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    AllowDuplicateProperties = false,
    WriteIndented = true,
    IndentSize = 2,
    NewLine = "\n",
    Converters = [typeof(CompactFloatListConverter), typeof(CompactInt64ListConverter), typeof(CompactStringListConverter), typeof(CompactDimListConverter)])]
[JsonSerializable(typeof(ModelManifest))]
internal sealed partial class ModelManifestJsonContext : JsonSerializerContext;
