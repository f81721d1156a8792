using System.Runtime.InteropServices;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>The UTF-8 names of inputs or outputs, NUL-terminated in one pinned block for the session's life.</summary>
internal sealed class OrtNameBlock
{
    private readonly byte[] block;

    internal OrtNameBlock(OnnxTensorInfo[] infos)
    {
        var encoded = infos.Select(i => OrtApi.Utf8(i.Name)).ToArray();

        // The pinned object heap never moves the block, so its addresses can be computed once.
        block = GC.AllocateUninitializedArray<byte>(encoded.Sum(e => e.Length), pinned: true);
        Pointers = new nint[infos.Length];
        var offset = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i].CopyTo(block, offset);
            Pointers[i] = Marshal.UnsafeAddrOfPinnedArrayElement(block, offset);
            offset += encoded[i].Length;
        }
    }

    /// <summary>The address of each name, by model index. Valid while this object is reachable.</summary>
    internal nint[] Pointers { get; }

    /// <summary>Keeps the block reachable until after a native call that reads it.</summary>
    internal void KeepAlive() => GC.KeepAlive(block);
}
