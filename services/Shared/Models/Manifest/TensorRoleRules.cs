using VoiceFleet.Models.Json;
using VoiceFleet.Onnx;

namespace VoiceFleet.Models.Manifest;

/// <summary>The element types and ranks each <see cref="TensorRole"/> allows.</summary>
internal static class TensorRoleRules
{
    /// <summary>The role's JSON name.</summary>
    public static string Name(TensorRole role) => TensorRoleJsonConverter.Instance.NameOf(role) ?? role.ToString();

    /// <summary>The element type's JSON name.</summary>
    public static string Name(OnnxElementType type) => ElementTypeJsonConverter.Instance.NameOf(type) ?? type.ToString();

    /// <summary>Roles that hold counts or ids (int32 or int64); the others hold floats (float32, float16 or float64).</summary>
    public static bool IsInteger(TensorRole role) =>
        role is TensorRole.PhonemeIds or TensorRole.PhonemeLengths or TensorRole.SpeakerId or TensorRole.Seed
            or TensorRole.MelLengths or TensorRole.FeatureLengths or TensorRole.AudioLengths;

    /// <summary>Whether <paramref name="type"/> suits <paramref name="role"/>.</summary>
    public static bool Allows(TensorRole role, OnnxElementType type) => IsInteger(role)
        ? type is OnnxElementType.Int32 or OnnxElementType.Int64
        : type is OnnxElementType.Float or OnnxElementType.Float16 or OnnxElementType.Double;

    /// <summary>The element types allowed, for messages.</summary>
    public static string AllowedTypes(TensorRole role) => IsInteger(role) ? "int32 or int64" : "float32, float16 or float64";

    /// <summary>The ranks the role allows.</summary>
    public static (int Min, int Max) Ranks(TensorRole role) => role switch
    {
        TensorRole.PhonemeIds => (1, 2),
        TensorRole.PhonemeLengths or TensorRole.SpeakerId or TensorRole.Seed or TensorRole.MelLengths or TensorRole.FeatureLengths or TensorRole.AudioLengths => (0, 1),
        TensorRole.Pitch => (1, 3),
        TensorRole.Scales => (1, 1),
        TensorRole.SpeakerEmbedding or TensorRole.EmotionEmbedding or TensorRole.Embedding or TensorRole.Logits => (1, 2),
        TensorRole.Mel or TensorRole.Features => (2, 3),
        TensorRole.Audio => (1, 4),
        _ => (0, 8),
    };
}
