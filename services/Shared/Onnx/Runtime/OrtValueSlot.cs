namespace VoiceFleet.Onnx.Runtime;

/// <summary>
/// An <c>OrtValue</c> kept from one run for the next: a tensor header over memory the binding does not own
/// (a caller's pinned array) or over a session-owned staging buffer. ORT keeps nothing of a value between runs
/// but the pointer, element type and shape it was created with, so a value whose pointer, size, type and shape
/// all equal what a new one would get is interchangeable with that new one: reusing it saves a
/// <c>CreateTensorWithDataAsOrtValue</c> and a <c>ReleaseValue</c> per tensor per run. The memory itself is
/// pinned by the run that uses the value, at the address compared here, for the length of that run.
/// </summary>
internal sealed class OrtCachedValue(OrtValueHandle value, nint data, nuint bytes, OnnxElementType type, long[] shape, byte[]? staging = null)
{
    /// <summary>The owned value (a SafeHandle: a session that is never disposed still frees it).</summary>
    internal OrtValueHandle Value { get; } = value;

    /// <summary>The address the value was created over.</summary>
    internal nint Data { get; } = data;

    /// <summary>The size in bytes the value was created with.</summary>
    internal nuint Bytes { get; } = bytes;

    /// <summary>The element type the value was created with.</summary>
    internal OnnxElementType Type { get; } = type;

    /// <summary>The shape; never written.</summary>
    internal long[] Shape { get; } = shape;

    /// <summary>The pinned buffer the value is over, when the session owns it (small outputs of static shape).</summary>
    internal byte[]? Staging { get; } = staging;

    /// <summary>Whether a value created now over this memory would be the same.</summary>
    internal bool Matches(nint data, nuint bytes, OnnxElementType type, long[] shape) =>
        Data == data && Bytes == bytes && Type == type && (ReferenceEquals(Shape, shape) || Shape.AsSpan().SequenceEqual(shape));
}

/// <summary>
/// One cached value per input or output of a session. A run takes the value out (so no two runs ever use it at
/// once) and puts it back after; a run that finds the slot empty, because another run holds it, makes its own.
/// </summary>
internal struct OrtValueSlot
{
    private OrtCachedValue? value;
    private int claimed;

    /// <summary>Takes the cached value, leaving the slot empty; null when there is none or another run holds it.</summary>
    internal OrtCachedValue? Take() => Interlocked.Exchange(ref value, null);

    /// <summary>
    /// True for the one caller that should create the slot's first value (for staging buffers, which are
    /// made once per session rather than by every run that finds the slot momentarily empty).
    /// </summary>
    internal bool TryClaim() => Interlocked.Exchange(ref claimed, 1) == 0;

    /// <summary>
    /// Puts a value back; releases it instead when the slot was refilled meanwhile or the session was disposed
    /// (<paramref name="closed"/>, read after the value is back, so a concurrent dispose cannot miss it).
    /// </summary>
    internal void Return(OrtCachedValue cached, ref int closed)
    {
        if (Interlocked.CompareExchange(ref value, cached, null) is not null)
        {
            cached.Value.Dispose();
            return;
        }

        if (Volatile.Read(ref closed) != 0)
        {
            Interlocked.Exchange(ref value, null)?.Value.Dispose();
        }
    }

    /// <summary>Releases a value that can no longer be reused, and lets a later run create the slot's value again.</summary>
    internal void Discard(OrtCachedValue cached)
    {
        cached.Value.Dispose();
        Unclaim();
    }

    /// <summary>Lets a later run create the slot's value (after the claimed creation failed or its value was discarded).</summary>
    internal void Unclaim() => Volatile.Write(ref claimed, 0);

    /// <summary>Releases the cached value, if any (on dispose, once the session is marked closed).</summary>
    internal void Clear() => Interlocked.Exchange(ref value, null)?.Value.Dispose();
}
