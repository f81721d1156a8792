using System.Runtime.InteropServices;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>
/// An ORT object owned by the binding. The typed subclasses only exist so that one kind of object cannot be
/// passed where another is expected; releasing goes through the <c>Release*</c> function the subclass names.
/// Callers that use the pointer while another thread may dispose the handle take a reference first
/// (<see cref="SafeHandle.DangerousAddRef"/>), so the native object outlives every call in flight.
/// </summary>
internal abstract class OrtHandle : SafeHandle
{
    private readonly OrtApiIndex releaseFunction;

    protected OrtHandle(OrtApi api, OrtApiIndex releaseFunction)
        : base(0, ownsHandle: true)
    {
        Api = api;
        this.releaseFunction = releaseFunction;
    }

    /// <summary>The API the object came from.</summary>
    internal OrtApi Api { get; }

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;

    /// <summary>The native pointer. Valid while the handle is open (and referenced, across threads).</summary>
    internal nint Pointer => handle;

    /// <summary>Takes ownership of a pointer ORT just created.</summary>
    internal void Attach(nint pointer) => SetHandle(pointer);

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        Api.Release(releaseFunction, handle);
        return true;
    }
}
