namespace VoiceFleet.Onnx.Runtime;

/// <summary>Reads a new session's inputs, outputs and metadata into managed records (once, at creation).</summary>
internal static class OrtModelInspector
{
    /// <summary>The session's inputs (<paramref name="inputs"/> true) or outputs.</summary>
    internal static OnnxTensorInfo[] ReadTensorInfos(OrtApi api, OrtSessionHandle session, bool inputs)
    {
        var count = api.SessionGetCount(session, inputs);
        var infos = new OnnxTensorInfo[count];
        for (var i = 0; i < count; i++)
        {
            var name = api.SessionGetName(session, i, inputs);
            using var typeInfo = api.SessionGetTypeInfo(session, i, inputs);
            infos[i] = Describe(api, name, typeInfo);
        }

        return infos;
    }

    /// <summary>The model's metadata, custom properties included.</summary>
    internal static OnnxModelMetadata ReadMetadata(OrtApi api, OrtSessionHandle session)
    {
        using var metadata = api.SessionGetModelMetadata(session);
        var custom = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in api.ModelMetadataGetCustomMetadataMapKeys(metadata))
        {
            custom[key] = api.ModelMetadataLookupCustomMetadataMap(metadata, key) ?? string.Empty;
        }

        return new OnnxModelMetadata(
            api.ModelMetadataGetString(metadata, OrtApiIndex.ModelMetadataGetProducerName),
            api.ModelMetadataGetString(metadata, OrtApiIndex.ModelMetadataGetGraphName),
            api.ModelMetadataGetString(metadata, OrtApiIndex.ModelMetadataGetGraphDescription),
            api.ModelMetadataGetString(metadata, OrtApiIndex.ModelMetadataGetDescription),
            api.ModelMetadataGetString(metadata, OrtApiIndex.ModelMetadataGetDomain),
            api.ModelMetadataGetVersion(metadata),
            custom);
    }

    private static OnnxTensorInfo Describe(OrtApi api, string name, OrtTypeInfoHandle typeInfo)
    {
        if (api.GetOnnxType(typeInfo) != OnnxValueKind.Tensor)
        {
            // Sequences and maps: listed so names line up, but Run rejects them (their element type is Undefined).
            return new OnnxTensorInfo(name, OnnxElementType.Undefined, [], []);
        }

        var tensorInfo = api.CastTypeInfoToTensorInfo(typeInfo);
        var shape = api.GetDimensions(tensorInfo);
        return new OnnxTensorInfo(name, api.GetTensorElementType(tensorInfo), shape, api.GetSymbolicDimensions(tensorInfo, shape.Length));
    }
}
