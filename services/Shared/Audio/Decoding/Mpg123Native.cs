using System.Runtime.InteropServices;

namespace VoiceFleet.Audio.Decoding;

/// <summary>The few functions of libmpg123 (Debian package libmpg123-0) the MP3 decoder calls, in feed mode.</summary>
internal static class Mpg123Native
{
    public const string Library = "libmpg123.so.0";

    public const int Ok = 0;
    public const int Error = -1;
    public const int NeedMore = -10;
    public const int NewFormat = -11;
    public const int Done = -12;

    /// <summary>MPG123_ADD_FLAGS in enum mpg123_parms.</summary>
    public const int ParamAddFlags = 2;

    /// <summary>MPG123_QUIET: no messages on stderr.</summary>
    public const int FlagQuiet = 0x20;

    /// <summary>MPG123_ENC_FLOAT_32.</summary>
    public const int EncodingFloat32 = 0x200;

    /// <summary>MPG123_MONO | MPG123_STEREO.</summary>
    public const int MonoOrStereo = 3;

    [DllImport(Library, EntryPoint = "mpg123_init")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Init();

    [DllImport(Library, EntryPoint = "mpg123_new")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr New(IntPtr decoder, out int error);

    [DllImport(Library, EntryPoint = "mpg123_delete")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern void Delete(IntPtr handle);

    [DllImport(Library, EntryPoint = "mpg123_param")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Param(IntPtr handle, int type, nint value, double floatValue);

    [DllImport(Library, EntryPoint = "mpg123_rates")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern void Rates(out IntPtr list, out nuint count);

    [DllImport(Library, EntryPoint = "mpg123_format_none")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int FormatNone(IntPtr handle);

    [DllImport(Library, EntryPoint = "mpg123_format")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Format(IntPtr handle, nint rate, int channels, int encodings);

    [DllImport(Library, EntryPoint = "mpg123_open_feed")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int OpenFeed(IntPtr handle);

    [DllImport(Library, EntryPoint = "mpg123_feed")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Feed(IntPtr handle, IntPtr input, nuint size);

    [DllImport(Library, EntryPoint = "mpg123_read")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Read(IntPtr handle, IntPtr output, nuint size, out nuint done);

    [DllImport(Library, EntryPoint = "mpg123_getformat")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int GetFormat(IntPtr handle, out nint rate, out int channels, out int encoding);

    [DllImport(Library, EntryPoint = "mpg123_close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Close(IntPtr handle);

    [DllImport(Library, EntryPoint = "mpg123_plain_strerror")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr PlainStrError(int error);

    [DllImport(Library, EntryPoint = "mpg123_strerror")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr StrError(IntPtr handle);
}
