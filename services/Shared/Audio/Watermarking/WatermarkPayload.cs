using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace VoiceFleet.Audio.Watermarking;

/// <summary>
/// The 32-bit payload VoiceFleet marks its audio with: the top <see cref="ModelBits"/> bits identify the model version,
/// the low <see cref="RequestBits"/> bits the request. Each part is the leading bits of the SHA-256 of a prefix and
/// the string's UTF-8 bytes, so the same strings give the same payload on every machine and in every process.
/// </summary>
/// <remarks>
/// Tags are hashes, not registries: two model versions share a tag with probability 1/4096, so attribute a payload by
/// testing the known versions with <see cref="IsFromModelVersion"/>, and treat the request tag as a filter over logged
/// requests, not a unique id.
/// </remarks>
public static class WatermarkPayload
{
    /// <summary>Bits of the model version tag (the top of the payload).</summary>
    public const int ModelBits = 12;

    /// <summary>Bits of the request tag (the bottom of the payload).</summary>
    public const int RequestBits = 20;

    private const uint RequestMask = (1u << RequestBits) - 1;

    /// <summary>The payload for <paramref name="modelVersion"/> and <paramref name="requestId"/>: ModelTag &lt;&lt; 20 | RequestTag.</summary>
    /// <exception cref="ArgumentException">Either string is null or empty.</exception>
    public static uint Compose(string modelVersion, string requestId) => (ModelTag(modelVersion) << RequestBits) | RequestTag(requestId);

    /// <summary>The 12-bit tag of a model version: the top 12 bits of SHA-256("model:" + version).</summary>
    /// <exception cref="ArgumentException"><paramref name="modelVersion"/> is null or empty.</exception>
    public static uint ModelTag(string modelVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelVersion);
        return Hash("model:", modelVersion) >> (32 - ModelBits);
    }

    /// <summary>The 20-bit tag of a request id: the top 20 bits of SHA-256("request:" + id).</summary>
    /// <exception cref="ArgumentException"><paramref name="requestId"/> is null or empty.</exception>
    public static uint RequestTag(string requestId)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return Hash("request:", requestId) >> (32 - RequestBits);
    }

    /// <summary>The model version tag a payload carries.</summary>
    public static uint ModelTagOf(uint payload) => payload >> RequestBits;

    /// <summary>The request tag a payload carries.</summary>
    public static uint RequestTagOf(uint payload) => payload & RequestMask;

    /// <summary>True when <paramref name="payload"/> carries the tag of <paramref name="modelVersion"/> (or of a version whose tag collides with it).</summary>
    /// <exception cref="ArgumentException"><paramref name="modelVersion"/> is null or empty.</exception>
    public static bool IsFromModelVersion(uint payload, string modelVersion) => ModelTagOf(payload) == ModelTag(modelVersion);

    private static uint Hash(string prefix, string value)
    {
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(prefix + value));
        return BinaryPrimitives.ReadUInt32BigEndian(digest);
    }
}
