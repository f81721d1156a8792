using System.Buffers.Binary;
using System.Security.Cryptography;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;

namespace VoiceFleet.Cli.Commands.Synthesis;

/// <summary>What one synthesis request produced: the WAV file written and how it was served.</summary>
/// <param name="Path">The full path of the file.</param>
/// <param name="Seconds">Length of the audio.</param>
/// <param name="SampleRate">Samples per second of the file.</param>
/// <param name="Info">The service's account of the request (model version, slot, seed, warnings, watermark).</param>
internal sealed record SpeechResult(string Path, double Seconds, int SampleRate, SynthesisInfo Info);

/// <summary>
/// Streams a request (<c>Synthesis.SynthesizeStream</c>) into a 16-bit PCM WAV file. The audio goes to a hidden
/// temporary file beside the target, which is renamed over the target only once the stream has ended well, so an
/// interrupted or failed request never leaves a partial file behind. Streaming keeps long outputs clear of message size
/// limits and memory.
/// </summary>
internal static class SpeechFile
{
    private const int HeaderBytes = 44;

    /// <summary>Runs <paramref name="request"/> and writes its audio to <paramref name="path"/>, replacing any file there.</summary>
    /// <exception cref="RpcException">The service answered an error, or the stream broke off.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<SpeechResult> WriteAsync(SynthesisClient client, SynthesizeRequest request, string path, Metadata? headers, CancellationToken cancellationToken)
    {
        var target = System.IO.Path.GetFullPath(path);
        var temporary = TemporaryPath(target);
        try
        {
            SynthesisSummary summary;
            int rate;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await file.WriteAsync(new byte[HeaderBytes], cancellationToken).ConfigureAwait(false);
                (summary, rate, var dataBytes) = await CopyAudioAsync(client, request, file, headers, cancellationToken).ConfigureAwait(false);
                file.Position = 0;
                await file.WriteAsync(Header(rate, dataBytes), cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
            return new SpeechResult(target, summary.AudioSeconds, rate, summary.Info ?? new SynthesisInfo());
        }
        finally
        {
            // Gone after the rename; otherwise the failed attempt's leftovers.
            File.Delete(temporary);
        }
    }

    /// <summary>A hidden name in the target's folder, unique to this attempt: <c>.NAME.wav.1a2b3c4d.part</c>.</summary>
    internal static string TemporaryPath(string target) => System.IO.Path.Join(
        System.IO.Path.GetDirectoryName(target),
        $".{System.IO.Path.GetFileName(target)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.part");

    private static async Task<(SynthesisSummary Summary, int Rate, long DataBytes)> CopyAudioAsync(
        SynthesisClient client, SynthesizeRequest request, FileStream file, Metadata? headers, CancellationToken cancellationToken)
    {
        // WAV_PCM16 (the default) streams headerless PCM16 chunks; the header is written here.
        var call = client.SynthesizeStream(new SynthesizeRequest(request) { Format = AudioFormat.WavPcm16 }, new CallOptions(Headers: headers, CancellationToken: cancellationToken));
        using (call)
        {
            var rate = 0;
            long dataBytes = 0;
            await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (message.EventCase == SynthesizeStreamResponse.EventOneofCase.Summary)
                {
                    return (message.Summary, rate, dataBytes);
                }

                if (message.Chunk?.Audio is not { } audio)
                {
                    continue;
                }

                if (audio.Format != AudioFormat.Pcm16 || (rate != 0 && audio.SampleRateHz != rate) || audio.SampleRateHz <= 0)
                {
                    throw new RpcException(StatusCode.Internal, $"the service streamed {audio.Format} audio at {audio.SampleRateHz} Hz; expected PCM16 at one rate");
                }

                rate = audio.SampleRateHz;
                await file.WriteAsync(audio.Data.Memory, cancellationToken).ConfigureAwait(false);
                dataBytes += audio.Data.Length;
            }

            throw new RpcException(StatusCode.Internal, "the stream ended before its summary; the audio is incomplete");
        }
    }

    /// <summary>The 44-byte header of a mono 16-bit PCM WAV file with <paramref name="dataBytes"/> of samples.</summary>
    private static byte[] Header(int rate, long dataBytes)
    {
        if (rate <= 0)
        {
            throw new RpcException(StatusCode.Internal, "the service streamed no audio");
        }

        if (dataBytes > uint.MaxValue - HeaderBytes)
        {
            throw new IOException($"{dataBytes} bytes of audio are more than a WAV file holds");
        }

        var header = new byte[HeaderBytes];
        var span = header.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(dataBytes + HeaderBytes - 8));
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(rate * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)dataBytes);
        return header;
    }
}
