using System.Text.Json.Serialization;

namespace VoiceFleet.Models.Piper;

/// <summary>Piper configs: snake_case names, strict types, unknown properties ignored.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(PiperConfig))]
internal sealed partial class PiperJsonContext : JsonSerializerContext;
