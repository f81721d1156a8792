namespace VoiceFleet.Onnx.Runtime;

/// <summary>Copies ORT's output values into managed tensors.</summary>
internal static unsafe class OrtTensorReader
{
    /// <summary>A new managed tensor holding a copy of an output value.</summary>
    internal static OnnxTensor Read(OrtApi api, nint value, string name)
    {
        var (type, shape, count) = Describe(api, value, name);
        if (type == OnnxElementType.String)
        {
            return OnnxTensor.WrapStrings(ReadStrings(api, value, count), shape);
        }

        var data = api.GetTensorMutableData(value);
        return type switch
        {
            OnnxElementType.Float => Copy<float>(type, data, count, shape),
            OnnxElementType.Float16 => Copy<Half>(type, data, count, shape),
            OnnxElementType.Double => Copy<double>(type, data, count, shape),
            OnnxElementType.Int64 => Copy<long>(type, data, count, shape),
            OnnxElementType.Int32 => Copy<int>(type, data, count, shape),
            OnnxElementType.Int16 => Copy<short>(type, data, count, shape),
            OnnxElementType.Int8 => Copy<sbyte>(type, data, count, shape),
            OnnxElementType.UInt64 => Copy<ulong>(type, data, count, shape),
            OnnxElementType.UInt32 => Copy<uint>(type, data, count, shape),
            OnnxElementType.UInt16 => Copy<ushort>(type, data, count, shape),
            OnnxElementType.UInt8 => Copy<byte>(type, data, count, shape),
            OnnxElementType.Bool => Copy<bool>(type, data, count, shape),
            _ => throw new NotSupportedException($"Output '{name}' has element type {type}, which the binding does not read."),
        };
    }

    /// <summary>
    /// Makes sure a caller-supplied output buffer holds the value: nothing to do when ORT wrote into it (the
    /// usual case), else a copy when type and size match.
    /// </summary>
    internal static void CopyInto(OrtApi api, nint value, OnnxTensor target, void* targetData, string name)
    {
        var source = api.GetTensorMutableData(value);
        if (source == targetData)
        {
            return;
        }

        var (type, shape, count) = Describe(api, value, name);
        if (type != target.ElementType || count != target.ElementCount)
        {
            throw new OnnxRuntimeException(
                OnnxErrorCode.InvalidArgument,
                $"Output '{name}' is {type}{OnnxElementTypes.FormatShape(shape)}, which does not fit the supplied {target.ElementType}{OnnxElementTypes.FormatShape(target.Shape)} buffer.");
        }

        var bytes = checked(count * OnnxElementTypes.SizeOf(type));
        Buffer.MemoryCopy(source, targetData, bytes, bytes);
    }

    private static (OnnxElementType Type, long[] Shape, int Count) Describe(OrtApi api, nint value, string name)
    {
        // Outputs are checked to be tensors against the model's declarations before the run, saving a native call here.
        var info = api.GetTensorTypeAndShape(value);
        try
        {
            var shape = api.GetDimensions(info);
            long count = 1;
            foreach (var dim in shape)
            {
                count = checked(count * dim);
            }

            if (count > Array.MaxLength)
            {
                throw new NotSupportedException($"Output '{name}' has {count} elements, more than a managed array holds.");
            }

            return (api.GetTensorElementType(info), shape, (int)count);
        }
        finally
        {
            api.ReleaseTensorTypeAndShapeInfo(info);
        }
    }

    /// <summary>
    /// A new managed tensor holding a copy of <paramref name="bytes"/> bytes ORT wrote into a staging buffer, with
    /// the output's static shape (shared by every tensor of that output, never written).
    /// </summary>
    internal static OnnxTensor CopyStaged(OnnxElementType type, void* data, int count, nuint bytes, long[] shape)
    {
        var buffer = OnnxElementTypes.AllocateUninitialized(type, count);
        fixed (byte* target = &buffer.GetDataReference())
        {
            System.Buffer.MemoryCopy(data, target, bytes, bytes);
        }

        return OnnxTensor.Wrap(type, buffer, shape);
    }

    private static OnnxTensor Copy<T>(OnnxElementType type, void* data, int count, long[] shape)
        where T : unmanaged
    {
        // Every element is overwritten, so the array need not be zeroed first.
        var array = GC.AllocateUninitializedArray<T>(count);
        new ReadOnlySpan<T>(data, count).CopyTo(array);
        return OnnxTensor.Wrap(type, array, shape);
    }

    private static string[] ReadStrings(OrtApi api, nint value, int count)
    {
        var strings = new string[count];
        if (count == 0)
        {
            return strings;
        }

        var length = api.GetStringTensorDataLength(value);
        var bytes = new byte[(int)length];
        var offsets = new nuint[count];
        fixed (byte* b = bytes)
        fixed (nuint* o = offsets)
        {
            api.GetStringTensorContent(value, b, length, o, (nuint)count);
        }

        for (var i = 0; i < count; i++)
        {
            var start = (int)offsets[i];
            var end = i + 1 < count ? (int)offsets[i + 1] : bytes.Length;
            strings[i] = System.Text.Encoding.UTF8.GetString(bytes, start, end - start);
        }

        return strings;
    }
}
