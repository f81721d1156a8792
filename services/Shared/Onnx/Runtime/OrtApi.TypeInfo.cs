using System.Runtime.InteropServices;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>Type and shape information.</summary>
internal sealed unsafe partial class OrtApi
{
    /// <summary><c>GetOnnxTypeFromTypeInfo</c>: tensor, sequence, map, ...</summary>
    internal OnnxValueKind GetOnnxType(OrtTypeInfoHandle typeInfo)
    {
        int kind;
        Check(((delegate* unmanaged<nint, int*, nint>)Fn(OrtApiIndex.GetOnnxTypeFromTypeInfo))(typeInfo.Pointer, &kind));
        return (OnnxValueKind)kind;
    }

    /// <summary><c>CastTypeInfoToTensorInfo</c>: a view owned by the type info (not released on its own), or 0.</summary>
    internal nint CastTypeInfoToTensorInfo(OrtTypeInfoHandle typeInfo)
    {
        nint info;
        Check(((delegate* unmanaged<nint, nint*, nint>)Fn(OrtApiIndex.CastTypeInfoToTensorInfo))(typeInfo.Pointer, &info));
        return info;
    }

    /// <summary><c>GetTensorElementType</c>.</summary>
    internal OnnxElementType GetTensorElementType(nint tensorInfo)
    {
        int type;
        Check(((delegate* unmanaged<nint, int*, nint>)Fn(OrtApiIndex.GetTensorElementType))(tensorInfo, &type));
        return (OnnxElementType)type;
    }

    /// <summary><c>GetDimensionsCount</c> then <c>GetDimensions</c>: the shape, -1 where a dimension is not fixed.</summary>
    internal long[] GetDimensions(nint tensorInfo)
    {
        nuint rank;
        Check(((delegate* unmanaged<nint, nuint*, nint>)Fn(OrtApiIndex.GetDimensionsCount))(tensorInfo, &rank));
        var dims = new long[(int)rank];
        fixed (long* d = dims)
        {
            Check(((delegate* unmanaged<nint, long*, nuint, nint>)Fn(OrtApiIndex.GetDimensions))(tensorInfo, d, rank));
        }

        return dims;
    }

    /// <summary><c>GetSymbolicDimensions</c>: the <c>dim_param</c> names, null where a dimension has none.</summary>
    internal string?[] GetSymbolicDimensions(nint tensorInfo, int rank)
    {
        var names = new string?[rank];
        if (rank == 0)
        {
            return names;
        }

        // The strings belong to the info; ORT writes "" for dimensions without a name.
        var pointers = stackalloc nint[rank];
        Check(((delegate* unmanaged<nint, nint*, nuint, nint>)Fn(OrtApiIndex.GetSymbolicDimensions))(tensorInfo, pointers, (nuint)rank));
        for (var i = 0; i < rank; i++)
        {
            var name = Marshal.PtrToStringUTF8(pointers[i]);
            names[i] = string.IsNullOrEmpty(name) ? null : name;
        }

        return names;
    }
}
