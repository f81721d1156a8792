using VoiceFleet.Models.Json;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Onnx.Runtime;

namespace VoiceFleet.Models.Bundles;

/// <summary>
/// Checks a component's declared tensors against its loaded model: every model input declared, every declared tensor
/// present with the same element type, rank and fixed dimensions. A mismatch names the tensor and its JSON path.
/// </summary>
internal static class SessionSignature
{
    public static void Check(string manifestFile, string componentName, ModelComponent component, OnnxSession session)
    {
        var path = JsonPaths.Property("components", componentName);
        var inputsPath = JsonPaths.Property(path, "inputs");
        Compare(manifestFile, inputsPath, component.Inputs, session.Inputs, "input", component.File);
        foreach (var input in session.Inputs)
        {
            if (!component.Inputs.Any(t => t.Name == input.Name))
            {
                throw new ModelManifestException(
                    manifestFile,
                    inputsPath,
                    $"{component.File} has input '{input.Name}' ({Describe(input)}), which the manifest does not declare; every input must be declared");
            }
        }

        Compare(manifestFile, JsonPaths.Property(path, "outputs"), component.Outputs, session.Outputs, "output", component.File);
    }

    /// <summary>An ORT tensor as a manifest would write it: <c>int64[batch, phonemes]</c>.</summary>
    public static string Describe(OnnxTensorInfo info) =>
        $"{TensorRoleRules.Name(info.ElementType)}[{string.Join(", ", info.Shape.Select((d, i) => d >= 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : info.SymbolicDims[i] ?? "?"))}]";

    private static void Compare(
        string manifestFile,
        string path,
        IReadOnlyList<TensorSpec> declared,
        IReadOnlyList<OnnxTensorInfo> actual,
        string direction,
        string file)
    {
        for (var i = 0; i < declared.Count; i++)
        {
            var spec = declared[i];
            var at = JsonPaths.Index(path, i);
            var info = actual.FirstOrDefault(a => a.Name == spec.Name)
                ?? throw new ModelManifestException(
                    manifestFile,
                    JsonPaths.Property(at, "name"),
                    $"{file} has no {direction} '{spec.Name}'; its {direction}s: {string.Join(", ", actual.Select(a => $"{a.Name} {Describe(a)}"))}");

            if (info.ElementType != spec.ElementType)
            {
                throw new ModelManifestException(
                    manifestFile,
                    JsonPaths.Property(at, "type"),
                    $"tensor '{spec.Name}' is {TensorRoleRules.Name(info.ElementType)} in {file}; the manifest says {TensorRoleRules.Name(spec.ElementType)}");
            }

            var shapePath = JsonPaths.Property(at, "shape");
            if (info.Rank != spec.Shape.Count)
            {
                throw new ModelManifestException(
                    manifestFile,
                    shapePath,
                    $"tensor '{spec.Name}' is {Describe(info)} (rank {info.Rank}) in {file}; the manifest declares rank {spec.Shape.Count} [{string.Join(", ", spec.Shape)}]");
            }

            for (var k = 0; k < spec.Shape.Count; k++)
            {
                var dim = spec.Shape[k];
                var real = info.Shape[k];
                if (real < 0)
                {
                    continue;
                }

                if (!dim.IsFixed || dim.Size != real)
                {
                    throw new ModelManifestException(
                        manifestFile,
                        JsonPaths.Index(shapePath, k),
                        $"tensor '{spec.Name}' has dimension {k} fixed to {real} in {file} ({Describe(info)}); the manifest declares {(dim.IsFixed ? dim.Size.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"'{dim.Symbol}'")}");
                }
            }
        }
    }
}
