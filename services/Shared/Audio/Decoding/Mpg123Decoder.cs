using System.Runtime.InteropServices;

namespace VoiceFleet.Audio.Decoding;

/// <summary>
/// Decodes MPEG audio (MP3, also layers I and II) in-process with libmpg123, the decoder of Debian's
/// <c>libmpg123-0</c>. Output is 32-bit float, mixed to mono. Where the library is not installed every
/// call fails with an <see cref="AudioFormatException"/> that says so.
/// </summary>
public static class Mpg123Decoder
{
    private const int ChunkBytes = 1 << 16;
    private static readonly Lock InitLock = new();
    private static bool _initialised;

    /// <summary>True when libmpg123 can be loaded here.</summary>
    public static bool IsAvailable => NativeLibrary.TryLoad(Mpg123Native.Library, typeof(Mpg123Decoder).Assembly, DllImportSearchPath.SafeDirectories, out _);

    /// <summary>Decodes the MPEG audio in <paramref name="bytes"/>.</summary>
    /// <exception cref="AudioFormatException">Not MPEG audio, no frame in it, longer than <paramref name="limits"/> allow, or libmpg123 missing.</exception>
    public static DecodedAudio Decode(ReadOnlySpan<byte> bytes, DecodeLimits? limits = null)
    {
        limits ??= DecodeLimits.Default;
        if (bytes.IsEmpty)
        {
            throw new AudioFormatException("The MP3 audio is empty: zero bytes.");
        }

        try
        {
            return DecodeNative(bytes, limits);
        }
        catch (DllNotFoundException ex)
        {
            throw new AudioFormatException(
                $"MP3 decoding needs libmpg123 ({Mpg123Native.Library}, Debian package libmpg123-0), which is not installed on this server; send WAV or FLAC instead.", ex);
        }
        catch (EntryPointNotFoundException ex)
        {
            throw new AudioFormatException($"The installed libmpg123 lacks a function this decoder needs ({ex.Message}); send WAV instead.", ex);
        }
    }

    private static DecodedAudio DecodeNative(ReadOnlySpan<byte> bytes, DecodeLimits limits)
    {
        EnsureInitialised();
        var handle = Mpg123Native.New(IntPtr.Zero, out var error);
        if (handle == IntPtr.Zero)
        {
            throw new AudioFormatException($"libmpg123 could not start a decoder: {Message(error)}.");
        }

        var input = Marshal.AllocHGlobal(bytes.Length);
        var output = Marshal.AllocHGlobal(ChunkBytes);
        try
        {
            Marshal.Copy(bytes.ToArray(), 0, input, bytes.Length);
            _ = Mpg123Native.Param(handle, Mpg123Native.ParamAddFlags, Mpg123Native.FlagQuiet, 0);
            Check(handle, Mpg123Native.FormatNone(handle), "choose the output format");
            Mpg123Native.Rates(out var list, out var count);
            for (var i = 0; i < (int)count; i++)
            {
                var rate = Marshal.ReadIntPtr(list, i * IntPtr.Size);
                Check(handle, Mpg123Native.Format(handle, rate, Mpg123Native.MonoOrStereo, Mpg123Native.EncodingFloat32), "ask for float output");
            }

            Check(handle, Mpg123Native.OpenFeed(handle), "open the stream");
            Check(handle, Mpg123Native.Feed(handle, input, (nuint)bytes.Length), "read the stream");

            var samples = new List<float>();
            int sampleRate = 0, channels = 0;
            var buffer = new float[ChunkBytes / sizeof(float)];
            while (true)
            {
                var result = Mpg123Native.Read(handle, output, ChunkBytes, out var done);
                if (result == Mpg123Native.NewFormat)
                {
                    Check(handle, Mpg123Native.GetFormat(handle, out var rate, out channels, out var encoding), "read the stream format");
                    if (sampleRate != 0 && sampleRate != (int)rate)
                    {
                        throw new AudioFormatException($"The MP3 stream changes its sample rate from {sampleRate} Hz to {rate} Hz mid-stream.");
                    }

                    sampleRate = (int)rate;
                    if (encoding != Mpg123Native.EncodingFloat32)
                    {
                        throw new AudioFormatException($"libmpg123 offered encoding 0x{encoding:X} instead of 32-bit float.");
                    }
                }

                if (done > 0)
                {
                    var values = (int)done / sizeof(float);
                    Marshal.Copy(output, buffer, 0, values);
                    samples.AddRange(buffer.AsSpan(0, values));
                    if (channels > 0 && samples.Count / channels > limits.MaxFrames(Math.Max(sampleRate, 1)))
                    {
                        throw limits.TooLong("MP3");
                    }
                }

                if (result is Mpg123Native.NeedMore or Mpg123Native.Done)
                {
                    break;
                }

                if (result is not (Mpg123Native.Ok or Mpg123Native.NewFormat))
                {
                    if (samples.Count > 0)
                    {
                        break; // damage after some good frames: keep what decoded, as players do
                    }

                    throw new AudioFormatException($"The MP3 audio cannot be decoded: {HandleMessage(handle)}.");
                }
            }

            if (sampleRate == 0 || channels == 0 || samples.Count < channels)
            {
                throw new AudioFormatException("The MP3 audio holds no decodable MPEG audio frame (corrupt, truncated or not MP3).");
            }

            return new DecodedAudio(sampleRate, channels, MonoMix.Mix(samples, channels));
        }
        finally
        {
            _ = Mpg123Native.Close(handle);
            Mpg123Native.Delete(handle);
            Marshal.FreeHGlobal(output);
            Marshal.FreeHGlobal(input);
        }
    }

    private static void EnsureInitialised()
    {
        lock (InitLock)
        {
            if (!_initialised)
            {
                // A no-op since libmpg123 1.27, required before that.
                var result = Mpg123Native.Init();
                if (result != Mpg123Native.Ok)
                {
                    throw new AudioFormatException($"libmpg123 failed to initialise: {Message(result)}.");
                }

                _initialised = true;
            }
        }
    }

    private static void Check(IntPtr handle, int result, string what)
    {
        if (result != Mpg123Native.Ok)
        {
            throw new AudioFormatException($"libmpg123 could not {what}: {HandleMessage(handle)}.");
        }
    }

    private static string Message(int error) => Marshal.PtrToStringUTF8(Mpg123Native.PlainStrError(error)) ?? $"error {error}";

    private static string HandleMessage(IntPtr handle) => Marshal.PtrToStringUTF8(Mpg123Native.StrError(handle)) ?? "unknown error";
}
