namespace VoiceFleet.Onnx.Runtime;

/// <summary>Model metadata.</summary>
internal sealed unsafe partial class OrtApi
{
    /// <summary><c>SessionGetModelMetadata</c>.</summary>
    internal OrtModelMetadataHandle SessionGetModelMetadata(OrtSessionHandle session)
    {
        var handle = new OrtModelMetadataHandle(this);
        nint metadata;
        Check(((delegate* unmanaged<nint, nint*, nint>)Fn(OrtApiIndex.SessionGetModelMetadata))(session.Pointer, &metadata));
        handle.Attach(metadata);
        return handle;
    }

    /// <summary>
    /// One of the string getters <c>ModelMetadataGetProducerName</c>, <c>...GetGraphName</c>, <c>...GetDomain</c>,
    /// <c>...GetDescription</c>, <c>...GetGraphDescription</c> (same signature); the allocator's copy is freed here.
    /// </summary>
    internal string ModelMetadataGetString(OrtModelMetadataHandle metadata, OrtApiIndex getter)
    {
        nint value;
        Check(((delegate* unmanaged<nint, nint, nint*, nint>)Fn(getter))(metadata.Pointer, DefaultAllocator, &value));
        return TakeString(value) ?? string.Empty;
    }

    /// <summary><c>ModelMetadataGetVersion</c>.</summary>
    internal long ModelMetadataGetVersion(OrtModelMetadataHandle metadata)
    {
        long version;
        Check(((delegate* unmanaged<nint, long*, nint>)Fn(OrtApiIndex.ModelMetadataGetVersion))(metadata.Pointer, &version));
        return version;
    }

    /// <summary><c>ModelMetadataGetCustomMetadataMapKeys</c>: the keys and the array holding them are allocator memory, all freed here.</summary>
    internal string[] ModelMetadataGetCustomMetadataMapKeys(OrtModelMetadataHandle metadata)
    {
        nint* keys;
        long count;
        Check(((delegate* unmanaged<nint, nint, nint**, long*, nint>)Fn(OrtApiIndex.ModelMetadataGetCustomMetadataMapKeys))(
            metadata.Pointer, DefaultAllocator, &keys, &count));
        if (keys is null)
        {
            return [];
        }

        using var array = new OrtAllocatedHandle(this);
        array.Attach((nint)keys);
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = TakeString(keys[i]) ?? string.Empty;
        }

        return result;
    }

    /// <summary><c>ModelMetadataLookupCustomMetadataMap</c>: the value for a key, or null.</summary>
    internal string? ModelMetadataLookupCustomMetadataMap(OrtModelMetadataHandle metadata, string key)
    {
        var utf8 = Utf8(key);
        nint value;
        fixed (byte* k = utf8)
        {
            Check(((delegate* unmanaged<nint, nint, byte*, nint*, nint>)Fn(OrtApiIndex.ModelMetadataLookupCustomMetadataMap))(
                metadata.Pointer, DefaultAllocator, k, &value));
        }

        return TakeString(value);
    }
}
