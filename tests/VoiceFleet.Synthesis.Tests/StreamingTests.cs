using VoiceFleet.Audio.Watermarking;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Synthesis.Tests.Support;
using Xunit;

namespace VoiceFleet.Synthesis.Tests;

[Collection(SynthesisFleetGroup.Name)]
public sealed class StreamingTests(SynthesisFleet fleet)
{
    private const string FiveSentences =
        "The first train leaves at seven. The second one is always late. " +
        "Bring a coat, it will be cold. We can buy bread on the way. Call me when you arrive.";

    [Fact]
    public async Task SynthesizeStream_FiveSentences_ChunksInOrderThenSummary()
    {
        var request = new SynthesizeRequest { Text = FiveSentences, Seed = 9, Format = AudioFormat.Float32 };
        using var call = fleet.Client.SynthesizeStream(request);

        var chunks = new List<AudioChunk>();
        SynthesisSummary? summary = null;
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            Assert.Null(summary);
            if (message.EventCase == SynthesizeStreamResponse.EventOneofCase.Chunk)
            {
                chunks.Add(message.Chunk);
            }
            else
            {
                summary = message.Summary;
            }
        }

        Assert.NotNull(summary);
        Assert.Equal(Enumerable.Range(0, chunks.Count).Select(i => (uint)i), chunks.Select(c => c.Sequence));
        Assert.Equal([0, 1, 2, 3, 4], chunks.Where(c => c.SentenceEnd).Select(c => c.SentenceIndex));
        Assert.All(chunks, c => Assert.Equal(AudioFormat.Float32, c.Audio.Format));
        Assert.Equal((uint)chunks.Count, summary.ChunkCount);
        Assert.Equal(summary.AudioSeconds, chunks.Sum(c => c.DurationSeconds), 3);
        Assert.Equal(5, summary.Info.SentenceCount);
        Assert.InRange(summary.FirstChunkSeconds, 0, summary.Info.RealTimeFactor * summary.AudioSeconds);
        Assert.False(string.IsNullOrEmpty(chunks[0].Text));
    }

    [Fact]
    public async Task SynthesizeStream_ChunksConcatenated_EqualTheUnaryOutputAndCarryTheMark()
    {
        var request = new SynthesizeRequest { Text = FiveSentences, Seed = 11, Format = AudioFormat.Float32 };
        var unary = await fleet.Client.SynthesizeAsync(request);
        using var call = fleet.Client.SynthesizeStream(request);
        var streamed = new List<float>();
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            if (message.EventCase == SynthesizeStreamResponse.EventOneofCase.Chunk)
            {
                streamed.AddRange(Wav.Float32(message.Chunk.Audio.Data.Span));
            }
        }

        var whole = Wav.Float32(unary.Audio.Data.Span);
        Assert.Equal(whole.Length, streamed.Count);
        Assert.True(whole.Zip(streamed).Max(p => Math.Abs(p.First - p.Second)) < 1e-4);
        var detection = new Watermarker().Detect(streamed.ToArray(), 22050);
        Assert.True(detection.Detected);
        Assert.Equal(unary.Info.Watermark.Payload, detection.Payload);
    }

    [Fact]
    public async Task SynthesizeStream_BadInput_FailsWithStatusBeforeAnyChunk()
    {
        using var call = fleet.Client.SynthesizeStream(new SynthesizeRequest { Text = "Hello there.", Speed = 9 });

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var message in call.ResponseStream.ReadAllAsync())
            {
                Assert.Fail("no message expected");
            }
        });
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}
