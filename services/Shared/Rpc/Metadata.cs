using System.Collections;
using System.Text;

namespace VoiceFleet.Rpc;

/// <summary>
/// Custom headers or trailers of a call. Keys are lower-case; a key ending in <c>-bin</c> holds
/// binary values (base64 on the wire), any other key holds printable ASCII text.
/// </summary>
public sealed class Metadata : IReadOnlyList<Metadata.Entry>
{
    /// <summary>The suffix that marks a binary-valued key.</summary>
    public const string BinarySuffix = "-bin";

    /// <summary>An immutable empty instance.</summary>
    public static readonly Metadata Empty = new(readOnly: true);

    private readonly List<Entry> _entries = [];
    private readonly bool _readOnly;

    /// <summary>Creates an empty, writable collection.</summary>
    public Metadata()
    {
    }

    private Metadata(bool readOnly) => _readOnly = readOnly;

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public Entry this[int index] => _entries[index];

    /// <summary>Adds a text entry.</summary>
    public Metadata Add(string key, string value)
    {
        Add(new Entry(key, value));
        return this;
    }

    /// <summary>Adds a binary entry; <paramref name="key"/> must end in <c>-bin</c>.</summary>
    public Metadata Add(string key, byte[] value)
    {
        Add(new Entry(key, value));
        return this;
    }

    /// <summary>Adds an entry.</summary>
    public void Add(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_readOnly)
        {
            throw new InvalidOperationException("This metadata collection is read-only.");
        }

        _entries.Add(entry);
    }

    /// <summary>The last entry with <paramref name="key"/> (case-insensitive), or null.</summary>
    public Entry? Get(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _entries[i];
            }
        }

        return null;
    }

    /// <summary>The text value of the last entry with <paramref name="key"/>, or null.</summary>
    public string? GetValue(string key) => Get(key)?.Value;

    /// <summary>All entries with <paramref name="key"/> (case-insensitive), in order.</summary>
    public IEnumerable<Entry> GetAll(string key) =>
        _entries.Where(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One metadata key with a text or binary value.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _bytes;

        /// <summary>Creates a text entry.</summary>
        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            ArgumentNullException.ThrowIfNull(value);
            if (IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key '{Key}' ends in '-bin' and needs a binary value.", nameof(key));
            }

            foreach (var c in value)
            {
                // Text metadata travels as an HTTP/2 header value: printable ASCII only (gRPC spec ASCII-Value).
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException($"Value of key '{Key}' must be printable ASCII; use a '-bin' key for other data.", nameof(value));
                }
            }

            _value = value;
        }

        /// <summary>Creates a binary entry.</summary>
        public Entry(string key, byte[] value)
        {
            Key = NormalizeKey(key);
            ArgumentNullException.ThrowIfNull(value);
            if (!IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key '{Key}' holds binary data and must end in '-bin'.", nameof(key));
            }

            _bytes = value;
        }

        /// <summary>The lower-case key.</summary>
        public string Key { get; }

        /// <summary>True when the key ends in <c>-bin</c>.</summary>
        public bool IsBinary => _bytes is not null;

        /// <summary>The text value; for a binary entry, its base64 form.</summary>
        public string Value => _value ?? Convert.ToBase64String(_bytes!);

        /// <summary>The binary value; for a text entry, its ASCII bytes.</summary>
        public byte[] ValueBytes => _bytes ?? Encoding.ASCII.GetBytes(_value!);

        /// <inheritdoc />
        public override string ToString() => IsBinary ? $"{Key}: <{_bytes!.Length} bytes>" : $"{Key}: {_value}";

        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var lower = key.ToLowerInvariant();
            foreach (var c in lower)
            {
                var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.';
                if (!ok)
                {
                    throw new ArgumentException($"Metadata key '{key}' may only contain 0-9 a-z _ - .", nameof(key));
                }
            }

            if (lower.StartsWith("grpc-", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Metadata key '{key}' uses the reserved 'grpc-' prefix.", nameof(key));
            }

            return lower;
        }
    }

    /// <summary>True when <paramref name="key"/> names a binary-valued entry.</summary>
    public static bool IsBinaryKey(string key) => key.EndsWith(BinarySuffix, StringComparison.OrdinalIgnoreCase);
}
