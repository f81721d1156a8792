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

    /// <summary><c>GetTensorTypeAndShape</c>: a new info the caller releases.</summary>
    internal OrtTensorTypeAndShapeInfoHandle GetTensorTypeAndShape(nint value)
    {
        var handle = new OrtTensorTypeAndShapeInfoHandle(this);
        nint info;
        Check(((delegate* unmanaged<nint, nint*, nint>)Fn(OrtApiIndex.GetTensorTypeAndShape))(value, &info));
        handle.Attach(info);
        return handle;
    }

    /// <summary><c>GetTensorMutableData</c>: the tensor's buffer, valid while the value lives.</summary>
    internal void* GetTensorMutableData(nint value)
    {
        void* data;
        Check(((delegate* unmanaged<nint, void**, nint>)Fn(OrtApiIndex.GetTensorMutableData))(value, &data));
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
