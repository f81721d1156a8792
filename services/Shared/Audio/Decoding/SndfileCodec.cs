using System.Runtime.InteropServices;

namespace VoiceFleet.Audio.Decoding;

/// <summary>
/// FLAC in and out through libsndfile (Debian's <c>libsndfile1</c>), in-process and in memory. Decoding
/// is what reference audio needs; encoding (FLAC, and MP3 where libsndfile was built with LAME, as
/// Debian's is) makes test files and lets tools hand compressed audio over. Where the library is not
/// installed every call fails with an <see cref="AudioFormatException"/> that says so.
/// </summary>
public static class SndfileCodec
{
    private const int ChunkFrames = 8192;

    /// <summary>True when libsndfile can be loaded here.</summary>
    public static bool IsAvailable => NativeLibrary.TryLoad(SndfileNative.Library, typeof(SndfileCodec).Assembly, DllImportSearchPath.SafeDirectories, out _);

    /// <summary>Decodes the FLAC file in <paramref name="bytes"/> to mono float.</summary>
    /// <exception cref="AudioFormatException">Not FLAC, corrupt, longer than <paramref name="limits"/> allow, or libsndfile missing.</exception>
    public static DecodedAudio DecodeFlac(ReadOnlySpan<byte> bytes, DecodeLimits? limits = null)
    {
        limits ??= DecodeLimits.Default;
        if (bytes.IsEmpty)
        {
            throw new AudioFormatException("The FLAC audio is empty: zero bytes.");
        }

        var copy = bytes.ToArray();
        return Guard("FLAC decoding", () => DecodeNative(copy, limits));
    }

    /// <summary>Encodes mono or interleaved <paramref name="samples"/> as FLAC (16-bit) or MP3 (layer III).</summary>
    /// <exception cref="AudioFormatException">libsndfile is missing or refuses the format (MP3 needs a LAME-enabled build).</exception>
    public static byte[] Encode(ReadOnlySpan<float> samples, int sampleRate, AudioContainer container, int channels = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        var format = container switch
        {
            AudioContainer.Flac => SndfileNative.FormatFlac | SndfileNative.SubtypePcm16,
            AudioContainer.Mp3 => SndfileNative.FormatMpeg | SndfileNative.SubtypeMpegLayer3,
            _ => throw new ArgumentOutOfRangeException(nameof(container), container, "libsndfile encodes FLAC and MP3 here."),
        };
        var copy = samples.ToArray();
        return Guard($"{container} encoding", () => EncodeNative(copy, sampleRate, channels, format, container));
    }

    /// <summary>The version string of the loaded libsndfile, e.g. "libsndfile-1.2.0".</summary>
    public static string Version => Guard("libsndfile", () => Marshal.PtrToStringUTF8(SndfileNative.VersionString()) ?? "unknown");

    private static T Guard<T>(string what, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (DllNotFoundException ex)
        {
            throw new AudioFormatException(
                $"{what} needs libsndfile ({SndfileNative.Library}, Debian package libsndfile1), which is not installed on this server; send WAV instead.", ex);
        }
        catch (EntryPointNotFoundException ex)
        {
            throw new AudioFormatException($"The installed libsndfile lacks a function {what} needs ({ex.Message}).", ex);
        }
    }

    private static DecodedAudio DecodeNative(byte[] bytes, DecodeLimits limits)
    {
        using var stream = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);
        using var io = new SndfileMemoryIo(stream);
        var callbacks = SndfileMemoryIo.Callbacks();
        var info = default(SndfileNative.Info);
        var file = SndfileNative.OpenVirtual(ref callbacks, SndfileNative.ModeRead, ref info, io.UserData);
        if (file == IntPtr.Zero)
        {
            throw new AudioFormatException($"The FLAC audio cannot be opened: {LastError(IntPtr.Zero)} (corrupt, truncated or not FLAC).");
        }

        try
        {
            if ((info.Format & SndfileNative.TypeMask) != SndfileNative.FormatFlac)
            {
                throw new AudioFormatException($"The audio was sent as FLAC but libsndfile reads it as format 0x{info.Format & SndfileNative.TypeMask:X}.");
            }

            if (info.SampleRate <= 0 || info.Channels <= 0)
            {
                throw new AudioFormatException($"The FLAC stream declares {info.SampleRate} Hz and {info.Channels} channels.");
            }

            var maxFrames = limits.MaxFrames(info.SampleRate);
            if (info.Frames > maxFrames)
            {
                throw limits.TooLong("FLAC");
            }

            var samples = new List<float>((int)Math.Min(Math.Max(info.Frames, 0) * info.Channels, 1 << 24));
            var buffer = new float[ChunkFrames * info.Channels];
            long total = 0;
            while (true)
            {
                var read = SndfileNative.ReadFramesFloat(file, buffer, ChunkFrames);
                if (read <= 0)
                {
                    break;
                }

                samples.AddRange(buffer.AsSpan(0, (int)read * info.Channels));
                total += read;
                if (total > maxFrames)
                {
                    throw limits.TooLong("FLAC");
                }
            }

            if (total == 0)
            {
                throw new AudioFormatException("The FLAC file holds no audio frames (zero-length or truncated before the first frame).");
            }

            return new DecodedAudio(info.SampleRate, info.Channels, MonoMix.Mix(samples, info.Channels));
        }
        finally
        {
            _ = SndfileNative.Close(file);
        }
    }

    private static byte[] EncodeNative(float[] samples, int sampleRate, int channels, int format, AudioContainer container)
    {
        using var stream = new MemoryStream();
        using var io = new SndfileMemoryIo(stream);
        var callbacks = SndfileMemoryIo.Callbacks();
        var info = new SndfileNative.Info { SampleRate = sampleRate, Channels = channels, Format = format };
        var file = SndfileNative.OpenVirtual(ref callbacks, SndfileNative.ModeWrite, ref info, io.UserData);
        if (file == IntPtr.Zero)
        {
            throw new AudioFormatException($"libsndfile cannot write {container} at {sampleRate} Hz, {channels} channel(s): {LastError(IntPtr.Zero)}.");
        }

        long written;
        var frames = samples.Length / channels;
        try
        {
            written = SndfileNative.WriteFramesFloat(file, samples, frames);
        }
        catch
        {
            _ = SndfileNative.Close(file);
            throw;
        }

        var closed = SndfileNative.Close(file);
        if (written != frames || closed != 0)
        {
            throw new AudioFormatException($"libsndfile wrote {written} of {frames} frames and closed with code {closed}: the {container} file is incomplete.");
        }

        return stream.ToArray();
    }

    private static string LastError(IntPtr file) => Marshal.PtrToStringUTF8(SndfileNative.StrError(file)) ?? "unknown error";
}
