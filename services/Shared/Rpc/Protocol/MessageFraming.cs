using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Pipelines;
using Google.Protobuf;

namespace VoiceFleet.Rpc.Protocol;

/// <summary>
/// Length-Prefixed-Message framing: a compressed-flag byte, a four-byte big-endian length, then the
/// message. A header may be split across reads, and one read may hold several messages.
/// </summary>
internal static class MessageFraming
{
    /// <summary>
    /// Reads the next message from <paramref name="reader"/>: the message and its size on the wire
    /// (excluding the 5-byte header), or a null message when the stream ended cleanly between
    /// messages. Throws <see cref="RpcException"/> for protocol violations and limits. Completes
    /// synchronously when the whole frame is already buffered, as it usually is for small requests.
    /// </summary>
    public static ValueTask<ReceivedMessage<T>> ReadMessageAsync<T>(
        PipeReader reader,
        MessageParser<T> parser,
        int maxMessageSize,
        string? encoding,
        CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        if (reader.TryRead(out var result) && TryConsume(reader, result, parser, maxMessageSize, encoding, out var received))
        {
            return ValueTask.FromResult(received);
        }

        return ReadMessageSlowAsync(reader, parser, maxMessageSize, encoding, cancellationToken);
    }

    private static async ValueTask<ReceivedMessage<T>> ReadMessageSlowAsync<T>(
        PipeReader reader,
        MessageParser<T> parser,
        int maxMessageSize,
        string? encoding,
        CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled && !result.IsCompleted && result.Buffer.IsEmpty)
            {
                reader.AdvanceTo(result.Buffer.Start);
                throw new OperationCanceledException(cancellationToken);
            }

            if (TryConsume(reader, result, parser, maxMessageSize, encoding, out var received))
            {
                return received;
            }
        }
    }

    /// <summary>
    /// Consumes one read: true with a message when a whole frame is there, true with none at a clean
    /// end of stream, false (having marked everything examined) when more bytes are needed.
    /// </summary>
    private static bool TryConsume<T>(
        PipeReader reader,
        ReadResult result,
        MessageParser<T> parser,
        int maxMessageSize,
        string? encoding,
        out ReceivedMessage<T> received)
        where T : class, IMessage<T>
    {
        var buffer = result.Buffer;
        try
        {
            if (TryReadFrame(ref buffer, maxMessageSize, encoding, out var payload, out var compressed))
            {
                var message = compressed ? Parse(parser, Decompress(payload, maxMessageSize)) : Parse(parser, payload);
                received = new ReceivedMessage<T>(message, (int)payload.Length);
                reader.AdvanceTo(buffer.Start);
                return true;
            }
        }
        catch
        {
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            throw;
        }

        received = default;
        if (result.IsCompleted)
        {
            var leftover = buffer.Length;
            reader.AdvanceTo(buffer.End);
            return leftover > 0
                ? throw new RpcException(StatusCode.Internal, "Incomplete message: the stream ended inside a message.")
                : true;
        }

        reader.AdvanceTo(buffer.Start, buffer.End);
        return false;
    }

    /// <summary>
    /// Takes one whole frame from the front of <paramref name="buffer"/> when it is all there. The
    /// size limit is checked as soon as the header is in, before any of the body is buffered.
    /// </summary>
    public static bool TryReadFrame(
        ref ReadOnlySequence<byte> buffer,
        int maxMessageSize,
        string? encoding,
        out ReadOnlySequence<byte> payload,
        out bool compressed)
    {
        payload = default;
        compressed = false;
        if (buffer.Length < GrpcProtocol.HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.HeaderSize];
        buffer.Slice(0, GrpcProtocol.HeaderSize).CopyTo(header);
        var flag = header[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);

        switch (flag)
        {
            case 0:
                break;
            case 1:
                compressed = true;
                if (encoding is null || encoding == GrpcProtocol.IdentityEncoding)
                {
                    throw new RpcException(StatusCode.Internal, "Message has the compressed flag set but the call declares no grpc-encoding.");
                }

                if (encoding != GrpcProtocol.GzipEncoding)
                {
                    throw new RpcException(StatusCode.Unimplemented, $"Message compression '{encoding}' is not supported; supported: {GrpcProtocol.SupportedEncodings}.");
                }

                break;
            default:
                throw new RpcException(StatusCode.Internal, $"Invalid compressed flag {flag} in message header; expected 0 or 1.");
        }

        if (length > (uint)maxMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, $"Received message of {length} bytes exceeds the limit of {maxMessageSize} bytes.");
        }

        if (buffer.Length < GrpcProtocol.HeaderSize + length)
        {
            return false;
        }

        payload = buffer.Slice(GrpcProtocol.HeaderSize, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    /// <summary>Writes one message as a frame into <paramref name="writer"/> without flushing.</summary>
    /// <returns>The number of message bytes (excluding the header) written.</returns>
    public static int WriteMessage(IBufferWriter<byte> writer, IMessage message, int maxMessageSize, bool compress)
    {
        var size = message.CalculateSize();
        if (size > maxMessageSize)
        {
            throw TooLargeToSend(size, maxMessageSize);
        }

        if (compress)
        {
            var raw = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
            try
            {
                message.WriteTo(raw.AsSpan(0, size));
                var packed = Compress(raw.AsSpan(0, size));
                WriteFrame(writer, packed, compressed: true);
                return packed.Length;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(raw);
            }
        }

        var span = writer.GetSpan(GrpcProtocol.HeaderSize + size);
        span[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)size);
        message.WriteTo(span.Slice(GrpcProtocol.HeaderSize, size));
        writer.Advance(GrpcProtocol.HeaderSize + size);
        return size;
    }

    /// <summary>Serializes one message into a new array holding the whole frame.</summary>
    public static byte[] ToFrame(IMessage message, int maxMessageSize, bool compress)
    {
        if (compress)
        {
            var buffer = new ArrayBufferWriter<byte>();
            WriteMessage(buffer, message, maxMessageSize, compress: true);
            return buffer.WrittenSpan.ToArray();
        }

        // Uncompressed, the frame's size is known: serialise straight into the one array that is sent.
        var size = message.CalculateSize();
        if (size > maxMessageSize)
        {
            throw TooLargeToSend(size, maxMessageSize);
        }

        var frame = new byte[GrpcProtocol.HeaderSize + size];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)size);
        message.WriteTo(frame.AsSpan(GrpcProtocol.HeaderSize));
        return frame;
    }

    private static RpcException TooLargeToSend(int size, int maxMessageSize) =>
        new(StatusCode.ResourceExhausted, $"Sending message of {size} bytes exceeds the limit of {maxMessageSize} bytes.");

    private static void WriteFrame(IBufferWriter<byte> writer, ReadOnlySpan<byte> payload, bool compressed)
    {
        var span = writer.GetSpan(GrpcProtocol.HeaderSize + payload.Length);
        span[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)payload.Length);
        payload.CopyTo(span[GrpcProtocol.HeaderSize..]);
        writer.Advance(GrpcProtocol.HeaderSize + payload.Length);
    }

    private static T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload)
        where T : class, IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize message: " + ex.Message), Metadata.Empty, ex);
        }
    }

    private static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static ReadOnlySequence<byte> Decompress(ReadOnlySequence<byte> payload, int maxMessageSize)
    {
        using var input = new SequenceStream(payload);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = gzip.Read(chunk)) > 0)
            {
                if (output.Length + read > maxMessageSize)
                {
                    throw new RpcException(StatusCode.ResourceExhausted, $"Decompressed message exceeds the limit of {maxMessageSize} bytes.");
                }

                output.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to decompress gzip message: " + ex.Message), Metadata.Empty, ex);
        }

        return new ReadOnlySequence<byte>(output.GetBuffer(), 0, (int)output.Length);
    }

    /// <summary>A read-only stream over a byte sequence, for feeding GZipStream without copying.</summary>
    private sealed class SequenceStream(ReadOnlySequence<byte> sequence) : Stream
    {
        private ReadOnlySequence<byte> _remaining = sequence;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, _remaining.Length);
            _remaining.Slice(0, n).CopyTo(buffer);
            _remaining = _remaining.Slice(n);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>A message read from the wire and its size there (excluding framing); a null message marks the end of the stream.</summary>
internal readonly record struct ReceivedMessage<T>(T? Message, int WireSize)
    where T : class;
