using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Google.Protobuf;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Gateway.Auth;

namespace VoiceFleet.Gateway.Tests.Auth;

public sealed class CloneDetectorTests
{
    [Fact]
    public void CheckGrpc_InlineReference_Reference()
    {
        var request = new SynthesizeRequest { Text = "hi", Voice = new VoiceSpec { Reference = new ReferenceVoice { Audio = new Audio { Data = ByteString.CopyFrom(new byte[300]) }, Transcript = "hello" } } };

        Assert.Equal(CloneCheck.Reference, CloneDetector.CheckGrpc(Frame(request.ToByteArray()), null, 1 << 20));
    }

    [Fact]
    public void CheckGrpc_EmptyReferenceMessage_StillReference()
    {
        var request = new SynthesizeRequest { Text = "hi", Voice = new VoiceSpec { Reference = new ReferenceVoice() } };

        Assert.Equal(CloneCheck.Reference, CloneDetector.CheckGrpc(Frame(request.ToByteArray()), null, 1 << 20));
    }

    [Theory]
    [InlineData("voice")]
    [InlineData("preset")]
    [InlineData("none")]
    public void CheckGrpc_NoReference_NoReference(string kind)
    {
        var request = new SynthesizeRequest { Text = "你好", Emotion = new EmotionSpec { Label = "happy" } };
        request.Voice = kind switch
        {
            "voice" => new VoiceSpec { VoiceId = "vc_1" },
            "preset" => new VoiceSpec { PresetSpeaker = "amy" },
            _ => null,
        };

        Assert.Equal(CloneCheck.NoReference, CloneDetector.CheckGrpc(Frame(request.ToByteArray()), null, 1 << 20));
    }

    [Fact]
    public void CheckGrpc_GzipCompressedReference_Reference()
    {
        var request = new SynthesizeRequest { Text = "hi", Voice = new VoiceSpec { Reference = new ReferenceVoice { Transcript = "x" } } };
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionMode.Compress, leaveOpen: true))
        {
            gzip.Write(request.ToByteArray());
        }

        Assert.Equal(CloneCheck.Reference, CloneDetector.CheckGrpc(Frame(buffer.ToArray(), compressed: true), "gzip", 1 << 20));
        Assert.Equal(CloneCheck.Unreadable, CloneDetector.CheckGrpc(Frame(buffer.ToArray(), compressed: true), "snappy", 1 << 20));
    }

    [Fact]
    public void CheckGrpc_TruncatedOrTwoMessages_Unreadable()
    {
        var bytes = new SynthesizeRequest { Text = "hi", Voice = new VoiceSpec { VoiceId = "v" } }.ToByteArray();
        var framed = Frame(bytes);

        Assert.Equal(CloneCheck.Unreadable, CloneDetector.CheckGrpc(framed.AsMemory(0, framed.Length - 1), null, 1 << 20));
        Assert.Equal(CloneCheck.Unreadable, CloneDetector.CheckGrpc(framed.Concat(framed).ToArray(), null, 1 << 20));
        Assert.Equal(CloneCheck.Unreadable, CloneDetector.CheckGrpc(Frame([0x2A, 0x05, 0x01]), null, 1 << 20));
    }

    [Theory]
    [InlineData("{\"text\":\"hi\",\"voice\":{\"reference\":{\"audio\":\"UklGRg==\"}}}", "Reference")]
    [InlineData("{\"input\":\"hi\",\"ref_audio\":\"UklGRg==\"}", "Reference")]
    [InlineData("{\"input\":\"hi\",\"voice\":\"alloy\"}", "NoReference")]
    [InlineData("{\"text\":\"reference\"}", "NoReference")]
    [InlineData("{\"text\":", "Unreadable")]
    public void CheckJson_Body_Detected(string json, string expected)
    {
        Assert.Equal(expected, CloneDetector.CheckJson(Encoding.UTF8.GetBytes(json)).ToString());
    }

    [Fact]
    public async Task CheckMultipartAsync_FilePart_Reference()
    {
        using var withFile = new MultipartFormDataContent("b0undary") { { new StringContent("hi"), "text" }, { new ByteArrayContent([1, 2, 3]), "audio", "clip.wav" } };
        using var withoutFile = new MultipartFormDataContent("b0undary") { { new StringContent("hi"), "text" } };

        Assert.Equal(CloneCheck.Reference, await CloneDetector.CheckMultipartAsync(await withFile.ReadAsByteArrayAsync(), "b0undary", CancellationToken.None));
        Assert.Equal(CloneCheck.NoReference, await CloneDetector.CheckMultipartAsync(await withoutFile.ReadAsByteArrayAsync(), "b0undary", CancellationToken.None));
    }

    private static byte[] Frame(byte[] message, bool compressed = false)
    {
        var framed = new byte[message.Length + 5];
        framed[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed, 5);
        return framed;
    }
}
