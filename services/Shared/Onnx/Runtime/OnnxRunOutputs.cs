using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>
/// A run's outputs by name: the tensors in the order they were asked for, looked up through the session's
/// name index (ordinal, like the dictionary it replaces), so a run allocates no hash table of its own.
/// </summary>
internal sealed class OnnxRunOutputs(OnnxTensorInfo[] infos, Dictionary<string, int> indexByName, int[] wanted, OnnxTensor[] tensors)
    : IReadOnlyDictionary<string, OnnxTensor>
{
    /// <inheritdoc />
    public int Count => tensors.Length;

    /// <inheritdoc />
    public IEnumerable<string> Keys => wanted.Select(i => infos[i].Name);

    /// <inheritdoc />
    public IEnumerable<OnnxTensor> Values => tensors;

    /// <inheritdoc />
    public OnnxTensor this[string key] =>
        TryGetValue(key, out var tensor) ? tensor : throw new KeyNotFoundException($"The given key '{key}' was not present in the dictionary.");

    /// <inheritdoc />
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out OnnxTensor value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (indexByName.TryGetValue(key, out var index))
        {
            // Usually every output, in model order; else a short list the caller named.
            var position = index < wanted.Length && wanted[index] == index ? index : Array.IndexOf(wanted, index);
            if (position >= 0)
            {
                value = tensors[position];
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, OnnxTensor>> GetEnumerator()
    {
        for (var i = 0; i < tensors.Length; i++)
        {
            yield return new KeyValuePair<string, OnnxTensor>(infos[wanted[i]].Name, tensors[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
