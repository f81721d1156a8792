using System.Runtime.InteropServices;

namespace VoiceFleet.Audio.Decoding;

/// <summary>The functions of libsndfile (Debian package libsndfile1) used to read and write FLAC (and MP3) in memory.</summary>
internal static class SndfileNative
{
    public const string Library = "libsndfile.so.1";

    public const int ModeRead = 0x10;
    public const int ModeWrite = 0x20;

    public const int TypeMask = 0x0FFF0000;
    public const int FormatWav = 0x010000;
    public const int FormatFlac = 0x170000;
    public const int FormatMpeg = 0x230000;
    public const int SubtypePcm16 = 0x0002;
    public const int SubtypePcm24 = 0x0003;
    public const int SubtypeMpegLayer3 = 0x0082;

    /// <summary>SFC_SET_COMPRESSION_LEVEL: 0 (fast, large) … 1 (slow, small), a double.</summary>
    public const int CommandSetCompressionLevel = 0x1301;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate long GetLength(IntPtr userData);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate long Seek(long offset, int whence, IntPtr userData);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate long ReadBytes(IntPtr destination, long count, IntPtr userData);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate long WriteBytes(IntPtr source, long count, IntPtr userData);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate long Tell(IntPtr userData);

    [DllImport(Library, EntryPoint = "sf_open_virtual")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr OpenVirtual(ref VirtualIo io, int mode, ref Info info, IntPtr userData);

    [DllImport(Library, EntryPoint = "sf_readf_float")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern long ReadFramesFloat(IntPtr file, [Out] float[] destination, long frames);

    [DllImport(Library, EntryPoint = "sf_writef_float")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern long WriteFramesFloat(IntPtr file, float[] source, long frames);

    [DllImport(Library, EntryPoint = "sf_command")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Command(IntPtr file, int command, ref double data, int size);

    [DllImport(Library, EntryPoint = "sf_close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Close(IntPtr file);

    [DllImport(Library, EntryPoint = "sf_strerror")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr StrError(IntPtr file);

    [DllImport(Library, EntryPoint = "sf_version_string")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr VersionString();

    /// <summary>SF_INFO.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Info
    {
        public long Frames;
        public int SampleRate;
        public int Channels;
        public int Format;
        public int Sections;
        public int Seekable;
    }

    /// <summary>SF_VIRTUAL_IO: five callbacks over the caller's storage.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct VirtualIo
    {
        public IntPtr GetLength;
        public IntPtr Seek;
        public IntPtr Read;
        public IntPtr Write;
        public IntPtr Tell;
    }
}
