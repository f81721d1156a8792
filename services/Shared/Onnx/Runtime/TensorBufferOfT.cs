using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>A <see cref="Memory{T}"/> as a <see cref="TensorBuffer"/>.</summary>
internal sealed class TensorBuffer<T>(Memory<T> memory) : TensorBuffer
    where T : unmanaged
{
    /// <summary>The memory itself.</summary>
    internal Memory<T> Memory { get; } = memory;

    /// <inheritdoc />
    internal override int Length => Memory.Length;

    /// <inheritdoc />
    internal override Type ClrType => typeof(T);

    /// <inheritdoc />
    internal override int ElementSize => Unsafe.SizeOf<T>();

    /// <inheritdoc />
    internal override MemoryHandle Pin() => Memory.Pin();

    /// <inheritdoc />
    internal override ref byte GetDataReference() => ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(Memory.Span));
}
