namespace VoiceFleet.Onnx.Runtime;

/// <summary>
/// Memory ORT allocated with its default allocator and handed to the binding (an input name, a metadata
/// string, the array of metadata keys); freed with <c>AllocatorFree</c> on that allocator.
/// </summary>
internal sealed class OrtAllocatedHandle(OrtApi api) : OrtHandle(api, OrtApiIndex.AllocatorFree)
{
    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        Api.AllocatorFree(handle);
        return true;
    }
}
