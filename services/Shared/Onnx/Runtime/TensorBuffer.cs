using System.Buffers;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>The typed memory behind a numeric <see cref="OnnxTensor"/>, with the element type erased.</summary>
internal abstract class TensorBuffer
{
    /// <summary>Number of elements.</summary>
    internal abstract int Length { get; }

    /// <summary>The element's CLR type.</summary>
    internal abstract Type ClrType { get; }

    /// <summary>Bytes per element.</summary>
    internal abstract int ElementSize { get; }

    /// <summary>Pins the memory (no copy) so native code can use it until the handle is disposed.</summary>
    internal abstract MemoryHandle Pin();

    /// <summary>
    /// A reference to the first byte, for pinning with <c>fixed</c> for the length of a native call (cheaper than
    /// <see cref="Pin"/>). For empty memory it may be a null reference.
    /// </summary>
    internal abstract ref byte GetDataReference();
}
