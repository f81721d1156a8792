namespace VoiceFleet.Models.Manifest;

/// <summary>
/// A manifest (or Piper config) that cannot be used: malformed JSON, an invalid field, a file that does not match it, or
/// a model whose tensors differ from those declared. The message reads <c>model.json: components.acoustic.inputs[2].shape: …</c>.
/// </summary>
public sealed class ModelManifestException : Exception
{
    /// <summary>Creates an exception for the field at <paramref name="path"/> of <paramref name="file"/>.</summary>
    /// <param name="file">The manifest file, e.g. <c>model.json</c> or <c>voice.onnx.json</c>.</param>
    /// <param name="path">The JSON path of the field, e.g. <c>files['model.onnx'].sha256</c>; empty for the whole file.</param>
    /// <param name="detail">What is wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ModelManifestException(string file, string path, string detail, Exception? innerException = null)
        : base(Format(file, path, detail), innerException)
    {
        File = file;
        Path = path;
        Detail = detail;
    }

    /// <summary>Creates an exception with a message only.</summary>
    public ModelManifestException()
        : this(ModelManifest.FileName, "", "invalid manifest")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">What is wrong.</param>
    public ModelManifestException(string message)
        : this(ModelManifest.FileName, "", message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ModelManifestException(string message, Exception innerException)
        : this(ModelManifest.FileName, "", message, innerException)
    {
    }

    /// <summary>The manifest file the error is in.</summary>
    public string File { get; }

    /// <summary>The JSON path of the offending field; empty for the whole file.</summary>
    public string Path { get; }

    /// <summary>What is wrong, without the file and path.</summary>
    public string Detail { get; }

    private static string Format(string file, string path, string detail) =>
        path.Length == 0 ? $"{file}: {detail}" : $"{file}: {path}: {detail}";
}
