namespace VoiceFleet.Encoders.Caching;

/// <summary>A bounded least-recently-used map; thread-safe (one lock, O(1) per operation).</summary>
internal sealed class MemoryLruCache<TKey, TValue>
    where TKey : notnull
{
    private readonly int _capacity;
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _map = [];
    private readonly LinkedList<(TKey Key, TValue Value)> _order = new();
    private readonly Lock _lock = new();

    public MemoryLruCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _map.Count;
            }
        }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        if (_capacity == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_map.TryGetValue(key, out var existing))
            {
                _order.Remove(existing);
            }
            else if (_map.Count >= _capacity)
            {
                var oldest = _order.Last!;
                _order.RemoveLast();
                _map.Remove(oldest.Value.Key);
            }

            _map[key] = _order.AddFirst((key, value));
        }
    }

    /// <summary>Removes every entry whose key matches; returns the keys removed.</summary>
    public List<TKey> RemoveWhere(Func<TKey, bool> match)
    {
        lock (_lock)
        {
            var keys = _map.Keys.Where(match).ToList();
            foreach (var key in keys)
            {
                _order.Remove(_map[key]);
                _map.Remove(key);
            }

            return keys;
        }
    }
}
