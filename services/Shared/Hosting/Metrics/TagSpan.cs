namespace VoiceFleet.Hosting.Metrics;

/// <summary>
/// The tags of one measurement as they arrive, used to look up a series without copying them:
/// the alternate key of the series cache (<see cref="TagKeyComparer"/>).
/// </summary>
internal readonly ref struct TagSpan(ReadOnlySpan<KeyValuePair<string, object?>> tags)
{
    public ReadOnlySpan<KeyValuePair<string, object?>> Tags { get; } = tags;
}
