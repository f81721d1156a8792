using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;
using Grpc.Testing;
using VoiceFleet.Rpc.Protocol;
using Xunit;

namespace VoiceFleet.Rpc.Tests.Protocol;

public sealed class MessageFramingTests
{
    private static SimpleRequest Sized(int bytes) => new() { Payload = new Payload { Body = ByteString.CopyFrom(new byte[bytes]) } };

    [Fact]
    public async Task ReadMessageAsync_HeaderSplitAcrossWrites_ReadsWholeMessage()
    {
        var pipe = new Pipe();
        var frame = MessageFraming.ToFrame(Sized(100), 1 << 20, compress: false);
        var read = MessageFraming.ReadMessageAsync(pipe.Reader, SimpleRequest.Parser, 1 << 20, null, CancellationToken.None);

        foreach (var chunk in frame.Chunk(2))
        {
            await pipe.Writer.WriteAsync(chunk);
        }

        await pipe.Writer.CompleteAsync();
        Assert.Equal(100, (await read).Message!.Payload.Body.Length);
    }

    [Fact]
    public async Task ReadMessageAsync_SeveralMessagesInOneWrite_ReadsEachThenNull()
    {
        var pipe = new Pipe();
        byte[] frames = [.. MessageFraming.ToFrame(Sized(1), 1 << 20, false), .. MessageFraming.ToFrame(Sized(2), 1 << 20, false), .. MessageFraming.ToFrame(Sized(3), 1 << 20, false)];
        await pipe.Writer.WriteAsync(frames);
        await pipe.Writer.CompleteAsync();

        var sizes = new List<int>();
        while ((await MessageFraming.ReadMessageAsync(pipe.Reader, SimpleRequest.Parser, 1 << 20, null, CancellationToken.None)).Message is { } message)
        {
            sizes.Add(message.Payload.Body.Length);
        }

        Assert.Equal([1, 2, 3], sizes);
    }

    [Fact]
    public async Task ReadMessageAsync_LengthOverLimit_ResourceExhaustedBeforeBodyArrives()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(new byte[] { 0, 0, 0x10, 0, 0 }); // declares 1 MiB, sends none of it

        var ex = await Assert.ThrowsAsync<RpcException>(() => MessageFraming.ReadMessageAsync(pipe.Reader, SimpleRequest.Parser, 1024, null, CancellationToken.None).AsTask());

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task ReadMessageAsync_StreamEndsInsideMessage_Internal()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(new byte[] { 0, 0, 0, 0, 10, 1, 2 });
        await pipe.Writer.CompleteAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => MessageFraming.ReadMessageAsync(pipe.Reader, SimpleRequest.Parser, 1024, null, CancellationToken.None).AsTask());

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task ReadMessageAsync_GzipFrame_Decompressed()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(MessageFraming.ToFrame(Sized(5000), 1 << 20, compress: true));
        await pipe.Writer.CompleteAsync();

        var received = await MessageFraming.ReadMessageAsync(pipe.Reader, SimpleRequest.Parser, 1 << 20, "gzip", CancellationToken.None);

        Assert.Equal(5000, received.Message!.Payload.Body.Length);
        Assert.True(received.WireSize < 5000, "the wire size is the compressed size");
    }

    [Fact]
    public async Task ReadMessageAsync_GzipBombOverLimit_ResourceExhausted()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(MessageFraming.ToFrame(Sized(200_000), 1 << 20, compress: true));
        await pipe.Writer.CompleteAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => MessageFraming.ReadMessageAsync(pipe.Reader, SimpleRequest.Parser, 10_000, "gzip", CancellationToken.None).AsTask());

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task ReadMessageAsync_NotProtobuf_InternalNamingDeserialization()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(new byte[] { 0, 0, 0, 0, 3, 0xff, 0xff, 0xff });
        await pipe.Writer.CompleteAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => MessageFraming.ReadMessageAsync(pipe.Reader, SimpleRequest.Parser, 1024, null, CancellationToken.None).AsTask());

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Contains("deserialize", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteMessage_OverSendLimit_ResourceExhausted()
    {
        var ex = Assert.Throws<RpcException>(() => MessageFraming.WriteMessage(new ArrayBufferWriter<byte>(), Sized(2000), 1000, compress: false));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public void TryReadFrame_CompressedFlagWithoutEncoding_Internal()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 1, 0, 0, 0, 0 });

        var ex = Assert.Throws<RpcException>(() => MessageFraming.TryReadFrame(ref buffer, 1024, null, out _, out _));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }
}
