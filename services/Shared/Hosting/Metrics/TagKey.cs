namespace VoiceFleet.Hosting.Metrics;

/// <summary>
/// A copy of a measurement's tags, in the order they came, kept the first time they are seen so
/// later measurements with the same tags find their series without allocating.
/// </summary>
internal sealed class TagKey(KeyValuePair<string, object?>[] tags, int hashCode)
{
    public KeyValuePair<string, object?>[] Tags { get; } = tags;

    public int HashCode { get; } = hashCode;
}
