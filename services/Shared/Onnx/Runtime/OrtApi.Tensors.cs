namespace VoiceFleet.Onnx.Runtime;

/// <summary>Tensor values.</summary>
internal sealed unsafe partial class OrtApi
{
    /// <summary>
    /// <c>CreateTensorWithDataAsOrtValue</c>: a tensor over memory the caller owns and keeps pinned until the
    /// value is released. ORT neither copies nor frees it.
    /// </summary>
    internal OrtValueHandle CreateTensorOverMemory(void* data, nuint byteCount, ReadOnlySpan<long> shape, OnnxElementType type)
    {
        var handle = new OrtValueHandle(this);
        nint value;
        fixed (long* dims = shape)
        {
            Check(((delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint>)Fn(OrtApiIndex.CreateTensorWithDataAsOrtValue))(
                CpuMemoryInfo.Pointer, data, byteCount, dims, (nuint)shape.Length, (int)type, &value));
        }

        handle.Attach(value);
        return handle;
    }

    /// <summary><c>CreateTensorAsOrtValue</c> with the default allocator (ORT owns the buffer; used for strings).</summary>
    internal OrtValueHandle CreateTensor(ReadOnlySpan<long> shape, OnnxElementType type)
    {
        var handle = new OrtValueHandle(this);
        nint value;
        fixed (long* dims = shape)
        {
            Check(((delegate* unmanaged<nint, long*, nuint, int, nint*, nint>)Fn(OrtApiIndex.CreateTensorAsOrtValue))(
                DefaultAllocator, dims, (nuint)shape.Length, (int)type, &value));
        }

        handle.Attach(value);
        return handle;
    }

    /// <summary><c>FillStringTensor</c>: ORT copies the NUL-terminated UTF-8 strings.</summary>
    internal void FillStringTensor(OrtValueHandle value, byte** strings, int count) =>
        Check(((delegate* unmanaged<nint, byte**, nuint, nint>)Fn(OrtApiIndex.FillStringTensor))(value.Pointer, strings, (nuint)count));

    /// <summary>
    /// <c>GetTensorTypeAndShape</c>: a new info the caller releases with <see cref="ReleaseTensorTypeAndShapeInfo"/>
    /// (in a <c>finally</c>; a run's outputs are read on the hot path, where a SafeHandle per read would show).
    /// </summary>
    internal nint GetTensorTypeAndShape(nint value)
    {
        nint info;
        Check(((delegate* unmanaged<nint, nint*, nint>)Fn(OrtApiIndex.GetTensorTypeAndShape))(value, &info));
        return info;
    }

    /// <summary><c>ReleaseTensorTypeAndShapeInfo</c>.</summary>
    internal void ReleaseTensorTypeAndShapeInfo(nint info) => Release(OrtApiIndex.ReleaseTensorTypeAndShapeInfo, info);

    /// <summary><c>ReleaseValue</c> of a value not held in a <see cref="OrtValueHandle"/> (one ORT returned from a run).</summary>
    internal void ReleaseValue(nint value) => Release(OrtApiIndex.ReleaseValue, value);

    /// <summary>
    /// <c>GetTensorMutableData</c>: the tensor's buffer, valid while the value lives. Called once or twice per run;
    /// it only reads a field of the value (no lock, no I/O, no callback), so it runs without a GC transition.
    /// </summary>
    internal void* GetTensorMutableData(nint value)
    {
        void* data;
        Check(((delegate* unmanaged[SuppressGCTransition]<nint, void**, nint>)Fn(OrtApiIndex.GetTensorMutableData))(value, &data));
        return data;
    }

    /// <summary><c>GetTensorMutableData</c> for clean-up paths that must not throw: null when ORT reports an error.</summary>
    internal void* TryGetTensorMutableData(nint value)
    {
        void* data;
        var status = ((delegate* unmanaged[SuppressGCTransition]<nint, void**, nint>)Fn(OrtApiIndex.GetTensorMutableData))(value, &data);
        if (status != 0)
        {
            ReleaseStatus(status);
            return null;
        }

        return data;
    }

    /// <summary><c>GetStringTensorDataLength</c>: total UTF-8 bytes of all strings (no terminators).</summary>
    internal nuint GetStringTensorDataLength(nint value)
    {
        nuint length;
        Check(((delegate* unmanaged<nint, nuint*, nint>)Fn(OrtApiIndex.GetStringTensorDataLength))(value, &length));
        return length;
    }

    /// <summary><c>GetStringTensorContent</c>: all strings back to back, and where each starts.</summary>
    internal void GetStringTensorContent(nint value, byte* buffer, nuint bufferLength, nuint* offsets, nuint count) =>
        Check(((delegate* unmanaged<nint, byte*, nuint, nuint*, nuint, nint>)Fn(OrtApiIndex.GetStringTensorContent))(value, buffer, bufferLength, offsets, count));
}
