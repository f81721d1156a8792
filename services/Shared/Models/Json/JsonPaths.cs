using System.Buffers;

namespace VoiceFleet.Models.Json;

/// <summary>
/// JSON paths as error messages print them: <c>components.acoustic.inputs[2].shape</c>, with a property name holding
/// a special character in brackets (<c>files['model.onnx'].sha256</c>), the way System.Text.Json writes its paths,
/// without the leading <c>$.</c>.
/// </summary>
internal static class JsonPaths
{
    // The characters System.Text.Json puts a property name in brackets for.
    private static readonly SearchValues<char> Special = SearchValues.Create(['.', ' ', '\'', '/', '"', '[', ']', '(', ')', '\t', '\n', '\r', '\f', '\b', '\\', '\u0085', '\u2028', '\u2029']);

    /// <summary>The path of property <paramref name="name"/> of the object at <paramref name="parent"/>.</summary>
    public static string Property(string parent, string name)
    {
        if (name.Length > 0 && name.AsSpan().IndexOfAny(Special) < 0)
        {
            return parent.Length == 0 ? name : $"{parent}.{name}";
        }

        return $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
    }

    /// <summary>The path of element <paramref name="index"/> of the array at <paramref name="parent"/>.</summary>
    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>A System.Text.Json path (<c>$.a.b[2]</c>) in this form (<c>a.b[2]</c>); empty for the root.</summary>
    public static string FromSystemTextJson(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }

        if (path.StartsWith("$.", StringComparison.Ordinal))
        {
            return path[2..];
        }

        return path.StartsWith('$') ? path[1..] : path;
    }
}
