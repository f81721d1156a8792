using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.Encoders.Configuration;

/// <summary>The embedding cache; configuration section <c>Encoders:Cache</c>.</summary>
public sealed class CacheOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Encoders:Cache";

    /// <summary>Embeddings kept in memory (least recently used evicted first); 0 turns the memory tier off.</summary>
    [Range(0, 10_000_000)]
    public int MemoryEntries { get; set; } = 10_000;

    /// <summary>Also keep embeddings in the persistent store (<c>Encoders:Storage</c>), so a restarted pod starts warm.</summary>
    public bool Persistent { get; set; } = true;
}
