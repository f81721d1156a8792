namespace VoiceFleet.Hosting.Metrics;

/// <summary>
/// Compares tag sequences exactly (names ordinal, values by <see cref="object.Equals(object?, object?)"/>,
/// order included). Order and value type are normalised later, when a new sequence is mapped to
/// its label set; here only speed matters.
/// </summary>
internal sealed class TagKeyComparer : IEqualityComparer<TagKey>, IAlternateEqualityComparer<TagSpan, TagKey>
{
    public static TagKeyComparer Instance { get; } = new();

    public bool Equals(TagKey? x, TagKey? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.HashCode == y.HashCode && SequenceEqual(x.Tags, y.Tags));

    public int GetHashCode(TagKey obj) => obj.HashCode;

    public bool Equals(TagSpan alternate, TagKey other) => SequenceEqual(alternate.Tags, other.Tags);

    public int GetHashCode(TagSpan alternate) => ComputeHashCode(alternate.Tags);

    public TagKey Create(TagSpan alternate) => new(alternate.Tags.ToArray(), ComputeHashCode(alternate.Tags));

    public static int ComputeHashCode(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = default(HashCode);
        foreach (var tag in tags)
        {
            hash.Add(tag.Key, StringComparer.Ordinal);
            hash.Add(tag.Value);
        }

        return hash.ToHashCode();
    }

    private static bool SequenceEqual(ReadOnlySpan<KeyValuePair<string, object?>> left, ReadOnlySpan<KeyValuePair<string, object?>> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (var i = 0; i < left.Length; i++)
        {
            if (!string.Equals(left[i].Key, right[i].Key, StringComparison.Ordinal) || !Equals(left[i].Value, right[i].Value))
            {
                return false;
            }
        }

        return true;
    }
}
