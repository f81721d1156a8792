using System.Collections.Concurrent;

namespace VoiceFleet.Hosting.Metrics;

/// <summary>
/// The series of one synchronous instrument, found from a measurement's tags.
/// </summary>
/// <remarks>
/// Two levels: a lock-free cache from the exact tag sequence to its series, hit by every measurement
/// after the first without allocating; behind it, under a lock, the canonical label text to series
/// map, where order, value types and sanitizing are normalised and the series cap is enforced.
/// Tag sequences beyond the cap map to null, so their measurements are dropped (and counted) cheaply.
/// </remarks>
internal sealed class SeriesStore<TCell>
    where TCell : class
{
    private readonly ConcurrentDictionary<TagKey, TCell?> _byTags = new(TagKeyComparer.Instance);
    private readonly ConcurrentDictionary<TagKey, TCell?>.AlternateLookup<TagSpan> _byTagsLookup;
    private readonly Dictionary<string, TCell> _byLabels = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly LabelSetFormatter _labels;
    private readonly Func<string, TCell> _createCell;
    private readonly int _maxSeries;

    // Tag sequences can outnumber series (same labels in another order or value type); bounded so
    // an unbounded tag value cannot grow the cache once the series cap is reached.
    private readonly int _maxTagKeys;
    private int _tagKeyCount;
    private TCell? _untagged;
    private long _droppedMeasurements;

    public SeriesStore(LabelSetFormatter labels, int maxSeries, Func<string, TCell> createCell)
    {
        _labels = labels;
        _maxSeries = maxSeries;
        _maxTagKeys = Math.Max(2 * maxSeries, 16);
        _createCell = createCell;
        _byTagsLookup = _byTags.GetAlternateLookup<TagSpan>();
    }

    /// <summary>Measurements dropped because their series would have exceeded the cap.</summary>
    public long DroppedMeasurements => Interlocked.Read(ref _droppedMeasurements);

    /// <summary>The series for these tags, or null when the measurement must be dropped.</summary>
    public TCell? Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            var untagged = Volatile.Read(ref _untagged);
            if (untagged is not null)
            {
                return untagged;
            }
        }
        else if (_byTagsLookup.TryGetValue(new TagSpan(tags), out var cell))
        {
            if (cell is null)
            {
                Interlocked.Increment(ref _droppedMeasurements);
            }

            return cell;
        }

        return FindSlow(tags);
    }

    /// <summary>A copy of the series, taken under the lock so a scrape sees a consistent set.</summary>
    public TCell[] Snapshot()
    {
        lock (_gate)
        {
            return [.. _byLabels.Values];
        }
    }

    private TCell? FindSlow(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labelText = _labels.Format(tags);
        lock (_gate)
        {
            if (!_byLabels.TryGetValue(labelText, out var cell) && _byLabels.Count < _maxSeries)
            {
                cell = _createCell(labelText);
                _byLabels.Add(labelText, cell);
            }

            if (tags.IsEmpty)
            {
                if (cell is not null)
                {
                    Volatile.Write(ref _untagged, cell);
                }
            }
            else if (_tagKeyCount < _maxTagKeys && _byTagsLookup.TryAdd(new TagSpan(tags), cell))
            {
                _tagKeyCount++;
            }

            if (cell is null)
            {
                Interlocked.Increment(ref _droppedMeasurements);
            }

            return cell;
        }
    }
}
