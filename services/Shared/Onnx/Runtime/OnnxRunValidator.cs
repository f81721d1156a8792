namespace VoiceFleet.Onnx.Runtime;

/// <summary>
/// Checks a run's tensors against what the model declares, before any native call: ORT would reject most of
/// these too, but with messages that do not always name the input, and a wrong buffer size must never reach it.
/// </summary>
internal static class OnnxRunValidator
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the input or output when a tensor does not fit.</summary>
    internal static void CheckTensor(OnnxTensorInfo expected, OnnxTensor tensor, string role, string parameterName)
    {
        if (tensor is null)
        {
            throw new ArgumentException($"{role} '{expected.Name}' is null.", parameterName);
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

        if (tensor.Shape.Count != expected.Rank)
        {
            throw new ArgumentException(
                $"{role} '{expected.Name}' must have rank {expected.Rank} ({expected}) but the tensor given has shape {OnnxElementTypes.FormatShape(tensor.Shape)}.",
                parameterName);
        }

        for (var i = 0; i < expected.Rank; i++)
        {
            if (expected.Shape[i] >= 0 && expected.Shape[i] != tensor.Shape[i])
            {
                throw new ArgumentException(
                    $"{role} '{expected.Name}' dimension {i} must be {expected.Shape[i]} ({expected}) but the tensor given has shape {OnnxElementTypes.FormatShape(tensor.Shape)}.",
                    parameterName);
            }
        }

        if (tensor.ElementCount > 0 && tensor.Buffer is { Length: 0 })
        {
            throw new ArgumentException($"{role} '{expected.Name}' has shape {OnnxElementTypes.FormatShape(tensor.Shape)} but no data.", parameterName);
        }
    }

    /// <summary>Throws naming the name when it is not among the model's inputs or outputs.</summary>
    internal static int IndexOf(IReadOnlyDictionary<string, int> indexByName, string name, string role, IEnumerable<OnnxTensorInfo> all, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (indexByName.TryGetValue(name, out var index))
        {
            return index;
        }

        throw new ArgumentException(
            $"'{name}' is not an {role.ToLowerInvariant()} of this model; its {role.ToLowerInvariant()}s are {string.Join(", ", all.Select(i => i.ToString()))}.",
            parameterName);
    }
}
