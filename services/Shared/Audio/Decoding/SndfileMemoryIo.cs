using System.Runtime.InteropServices;

namespace VoiceFleet.Audio.Decoding;

/// <summary>
/// libsndfile's virtual I/O over a <see cref="MemoryStream"/>: files are read from and written to memory,
/// never to disk. The callbacks are static delegates kept alive for the process; the stream travels as a
/// GCHandle in the user-data pointer.
/// </summary>
internal sealed class SndfileMemoryIo : IDisposable
{
    private static readonly SndfileNative.GetLength LengthCallback = (user) => StreamOf(user).Length;
    private static readonly SndfileNative.Tell TellCallback = (user) => StreamOf(user).Position;
    private static readonly SndfileNative.Seek SeekCallback = SeekTo;
    private static readonly SndfileNative.ReadBytes ReadCallback = ReadInto;
    private static readonly SndfileNative.WriteBytes WriteCallback = WriteFrom;

    private GCHandle _handle;

    public SndfileMemoryIo(MemoryStream stream)
    {
        Stream = stream;
        _handle = GCHandle.Alloc(stream);
    }

    public MemoryStream Stream { get; }

    public IntPtr UserData => GCHandle.ToIntPtr(_handle);

    public static SndfileNative.VirtualIo Callbacks() => new()
    {
        GetLength = Marshal.GetFunctionPointerForDelegate(LengthCallback),
        Seek = Marshal.GetFunctionPointerForDelegate(SeekCallback),
        Read = Marshal.GetFunctionPointerForDelegate(ReadCallback),
        Write = Marshal.GetFunctionPointerForDelegate(WriteCallback),
        Tell = Marshal.GetFunctionPointerForDelegate(TellCallback),
    };

    public void Dispose()
    {
        if (_handle.IsAllocated)
        {
            _handle.Free();
        }
    }

    private static MemoryStream StreamOf(IntPtr user) => (MemoryStream)GCHandle.FromIntPtr(user).Target!;

    private static long SeekTo(long offset, int whence, IntPtr user)
    {
        var stream = StreamOf(user);
        var origin = whence switch { 1 => SeekOrigin.Current, 2 => SeekOrigin.End, _ => SeekOrigin.Begin };
        var target = origin switch { SeekOrigin.Current => stream.Position + offset, SeekOrigin.End => stream.Length + offset, _ => offset };
        if (target < 0)
        {
            return -1;
        }

        stream.Position = target;
        return stream.Position;
    }

    private static long ReadInto(IntPtr destination, long count, IntPtr user)
    {
        var stream = StreamOf(user);
        var available = (int)Math.Clamp(stream.Length - stream.Position, 0, Math.Min(count, int.MaxValue));
        if (available == 0)
        {
            return 0;
        }

        Marshal.Copy(stream.GetBuffer(), (int)stream.Position, destination, available);
        stream.Position += available;
        return available;
    }

    private static long WriteFrom(IntPtr source, long count, IntPtr user)
    {
        var stream = StreamOf(user);
        var buffer = new byte[count];
        Marshal.Copy(source, buffer, 0, (int)count);
        stream.Write(buffer);
        return count;
    }
}
