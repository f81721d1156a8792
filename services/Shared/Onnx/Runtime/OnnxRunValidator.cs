using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>
/// Checks a run's tensors against what the model declares, before any native call: ORT would reject most of
/// these too, but with messages that do not always name the input, and a wrong buffer size must never reach it.
/// </summary>
internal static class OnnxRunValidator
{
    /// <summary>Up to this many inputs or outputs, names are looked up by comparing them in turn.</summary>
    private const int LinearSearchLimit = 8;

    /// <summary>Throws <see cref="ArgumentException"/> naming the input or output when a tensor does not fit.</summary>
    internal static void CheckTensor(OnnxTensorInfo expected, OnnxTensor tensor, string role, string parameterName)
    {
        if (tensor is null)
        {
            throw new ArgumentException($"{role} '{expected.Name}' is null.", parameterName);
        }

        // A tensor never changes type, shape or length: once it passed against this declaration it always does
        // (callers that reuse their tensors skip the checks below; see OnnxTensor.CheckedAgainst).
        if (ReferenceEquals(tensor.CheckedAgainst, expected))
        {
            return;
        }

        if (expected.ElementType == OnnxElementType.Undefined)
        {
            throw new ArgumentException($"{role} '{expected.Name}' is not a tensor in this model; the binding passes tensors only.", parameterName);
        }

        if (tensor.ElementType != expected.ElementType)
        {
            throw new ArgumentException(
                $"{role} '{expected.Name}' must be {expected.ElementType} but the tensor given is {tensor.ElementType}.", parameterName);
        }

        // The arrays themselves: this runs for every tensor of every run.
        var shape = tensor.ShapeSpan;
        var declared = expected.Shape;
        if (shape.Length != declared.Length)
        {
            throw new ArgumentException(
                $"{role} '{expected.Name}' must have rank {expected.Rank} ({expected}) but the tensor given has shape {OnnxElementTypes.FormatShape(tensor.Shape)}.",
                parameterName);
        }

        for (var i = 0; i < declared.Length; i++)
        {
            if (declared[i] >= 0 && declared[i] != shape[i])
            {
                throw new ArgumentException(
                    $"{role} '{expected.Name}' dimension {i} must be {declared[i]} ({expected}) but the tensor given has shape {OnnxElementTypes.FormatShape(tensor.Shape)}.",
                    parameterName);
            }
        }

        if (tensor.ElementCount > 0 && tensor.Buffer is { Length: 0 })
        {
            throw new ArgumentException($"{role} '{expected.Name}' has shape {OnnxElementTypes.FormatShape(tensor.Shape)} but no data.", parameterName);
        }

        tensor.CheckedAgainst = expected;
    }

    /// <summary>Throws naming the input and the first element that is NaN or ±∞ in a floating-point tensor.</summary>
    internal static void CheckFinite(OnnxTensorInfo expected, OnnxTensor tensor, string parameterName)
    {
        if (tensor.Buffer is not { } buffer || buffer.Length == 0)
        {
            return;
        }

        var index = tensor.ElementType switch
        {
            OnnxElementType.Float => FirstNonFinite(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, float>(ref buffer.GetDataReference()), buffer.Length)),
            OnnxElementType.Double => FirstNonFinite(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, double>(ref buffer.GetDataReference()), buffer.Length)),
            OnnxElementType.Float16 => FirstNonFinite(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, Half>(ref buffer.GetDataReference()), buffer.Length)),
            _ => -1,
        };
        if (index >= 0)
        {
            throw new ArgumentException(
                $"Input '{expected.Name}' holds a non-finite value (NaN or ±∞) at element {index} of {buffer.Length}; inputs must be finite.",
                parameterName);
        }
    }

    private static int FirstNonFinite<T>(ReadOnlySpan<T> values)
        where T : struct, IFloatingPointIeee754<T>
    {
        // x − x is 0 for every finite x and NaN for NaN and ±∞: one vectorised pass, then a scalar search only on failure.
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && values.Length >= Vector<T>.Count)
        {
            var vectors = MemoryMarshal.Cast<T, Vector<T>>(values);
            var bits = Vector<byte>.Zero;
            foreach (var v in vectors)
            {
                bits |= Vector.AsVectorByte(v - v);
            }

            if (bits == Vector<byte>.Zero)
            {
                var tail = vectors.Length * Vector<T>.Count;
                return IndexOfNonFinite(values[tail..], tail);
            }
        }

        return IndexOfNonFinite(values, 0);
    }

    private static int IndexOfNonFinite<T>(ReadOnlySpan<T> values, int offset)
        where T : struct, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!T.IsFinite(values[i]))
            {
                return offset + i;
            }
        }

        return -1;
    }

    /// <summary>Throws naming the name when it is not among the model's inputs or outputs.</summary>
    internal static int IndexOf(Dictionary<string, int> indexByName, string name, string role, OnnxTensorInfo[] all, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (all.Length <= LinearSearchLimit)
        {
            // A few names: comparing them beats hashing (ordinal, as the dictionary).
            for (var i = 0; i < all.Length; i++)
            {
                if (string.Equals(all[i].Name, name, StringComparison.Ordinal))
                {
                    return i;
                }
            }
        }
        else if (indexByName.TryGetValue(name, out var index))
        {
            return index;
        }

        throw new ArgumentException(
            $"'{name}' is not an {role.ToLowerInvariant()} of this model; its {role.ToLowerInvariant()}s are {string.Join(", ", all.Select(i => i.ToString()))}.",
            parameterName);
    }
}
