using Microsoft.Extensions.Options;
using VoiceFleet.Audio;
using VoiceFleet.Audio.Decoding;
using VoiceFleet.Audio.Watermarking;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Server;
using VoiceFleet.Synthesis.Configuration;
using VoiceFleet.Synthesis.Diagnostics;
using VoiceFleet.Synthesis.Models;
using VoiceFleet.Synthesis.Output;
using VoiceFleet.Synthesis.Pipeline;
using VoiceFleet.Synthesis.Upstreams;

namespace VoiceFleet.Synthesis.Grpc;

/// <summary>
/// The gRPC surface of the synthesis service: unary and streamed synthesis, watermark detection, voices and model
/// versions (docs/synthesis.md).
/// </summary>
internal sealed class SynthesisService(
    SynthesisPipeline pipeline,
    SynthesisCalls calls,
    VoiceModelHost models,
    UpstreamClients upstreams,
    IOptions<SynthesisOptions> options,
    IOptions<WatermarkSettings> watermark,
    SynthesisMetrics metrics,
    TimeProvider time) : SynthesisServiceBase
{
    /// <summary>Longest chunk of a stream, seconds of audio.</summary>
    private const double MaxChunkSeconds = 1.0;

    private readonly Watermarker detector = new(new WatermarkOptions { Key = watermark.Value.Key });

    public override async Task<SynthesizeResponse> Synthesize(SynthesizeRequest request, ServerCallContext context)
    {
        var call = calls.CreateContext(context, request.Strict);
        using var budget = calls.Budget(call, context.CancellationToken);
        await WriteHeadersAsync(context).ConfigureAwait(false);
        var result = await calls.RunAsync(call, async () =>
        {
            var samples = new List<float>();
            var outcome = await pipeline.RunAsync(request, call, streaming: false, (segment, _) =>
            {
                samples.AddRange(segment.Samples);
                return ValueTask.CompletedTask;
            }, budget.Token).ConfigureAwait(false);
            var encoding = System.Diagnostics.Stopwatch.GetTimestamp();
            var bytes = AudioEncoding.Whole(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(samples), outcome.SampleRate, outcome.Format);
            outcome.Info.StageTimings.Add(new StageTiming { Stage = "encode", Duration = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(System.Diagnostics.Stopwatch.GetElapsedTime(encoding)) });
            return (Response: new SynthesizeResponse
            {
                // The encoded bytes are this response's own: wrapped, not copied.
                Audio = new Contracts.V1.Audio { Data = Google.Protobuf.UnsafeByteOperations.UnsafeWrap(bytes), Format = outcome.Format, SampleRateHz = outcome.SampleRate, Channels = 1 },
                AudioSeconds = outcome.AudioSeconds,
                Info = outcome.Info,
            }, outcome.Summary);
        }, r => r.Summary, context.CancellationToken).ConfigureAwait(false);
        return result.Response;
    }

    public override async Task SynthesizeStream(SynthesizeRequest request, IServerStreamWriter<SynthesizeStreamResponse> responseStream, ServerCallContext context)
    {
        var call = calls.CreateContext(context, request.Strict);
        using var budget = calls.Budget(call, context.CancellationToken);
        await WriteHeadersAsync(context).ConfigureAwait(false);
        await calls.RunAsync(call, async () =>
        {
            uint sequence = 0;
            double firstChunk = -1;
            var format = RequestValidator.OutputFormat(request.Format);
            var outcome = await pipeline.RunAsync(request, call, streaming: true, async (segment, token) =>
            {
                var rate = request.SampleRateHz == 0 ? models.Model.SampleRate : request.SampleRateHz;
                var chunkSamples = Math.Max(1, (int)(MaxChunkSeconds * rate));
                var offset = 0;
                do
                {
                    var count = Math.Min(chunkSamples, segment.Samples.Length - offset);
                    var last = offset + count >= segment.Samples.Length;
                    var chunk = new AudioChunk
                    {
                        Sequence = sequence++,
                        SentenceIndex = segment.SentenceIndex,
                        SentenceEnd = last,
                        Audio = new Contracts.V1.Audio
                        {
                            Data = Google.Protobuf.UnsafeByteOperations.UnsafeWrap(AudioEncoding.Chunk(segment.Samples.AsSpan(offset, count), format)),
                            Format = format == AudioFormat.Float32 ? AudioFormat.Float32 : AudioFormat.Pcm16,
                            SampleRateHz = rate,
                            Channels = 1,
                        },
                        StartSeconds = segment.StartSeconds + (double)offset / rate,
                        DurationSeconds = (double)count / rate,
                        Text = offset == 0 ? segment.Text : "",
                    };
                    await responseStream.WriteAsync(new SynthesizeStreamResponse { Chunk = chunk }, token).ConfigureAwait(false);
                    if (firstChunk < 0)
                    {
                        var elapsed = time.GetElapsedTime(call.StartTimestamp);
                        firstChunk = elapsed.TotalSeconds;
                        metrics.FirstAudio(call.Track, elapsed);
                    }

                    offset += count;
                }
                while (offset < segment.Samples.Length);
            }, budget.Token).ConfigureAwait(false);
            await responseStream.WriteAsync(
                new SynthesizeStreamResponse
                {
                    Summary = new SynthesisSummary { Info = outcome.Info, AudioSeconds = outcome.AudioSeconds, ChunkCount = sequence, FirstChunkSeconds = firstChunk },
                },
                budget.Token).ConfigureAwait(false);
            return (outcome, firstChunk);
        }, r => r.outcome.Summary, context.CancellationToken).ConfigureAwait(false);
    }

    public override Task<DetectWatermarkResponse> DetectWatermark(DetectWatermarkRequest request, ServerCallContext context)
    {
        if (request.Audio is null || request.Audio.Data.IsEmpty)
        {
            throw new RpcException(StatusCode.InvalidArgument, "audio: the clip is empty");
        }

        DecodedAudio decoded;
        try
        {
            decoded = AudioDecoder.Decode(request.Audio.Data.Span, ContainerOf(request.Audio.Format), request.Audio.SampleRateHz, request.Audio.Channels, new DecodeLimits { MaxDuration = TimeSpan.FromMinutes(30) });
        }
        catch (AudioFormatException ex)
        {
            throw new RpcException(StatusCode.InvalidArgument, "audio: " + ex.Message);
        }

        if (decoded.Duration < TimeSpan.FromSeconds(1))
        {
            throw new RpcException(StatusCode.InvalidArgument, $"audio: the clip is {decoded.Duration.TotalSeconds:0.###} s; detection needs at least 1 s");
        }

        if (decoded.SampleRate < Watermarker.MinSampleRate || decoded.SampleRate > Watermarker.MaxSampleRate)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"audio: {decoded.SampleRate} Hz is outside the {Watermarker.MinSampleRate}–{Watermarker.MaxSampleRate} Hz detection works at");
        }

        var samples = decoded.Samples;
        if (Array.Exists(samples, s => !float.IsFinite(s)))
        {
            throw new RpcException(StatusCode.InvalidArgument, "audio: the clip holds NaN or infinite samples");
        }

        var found = detector.Detect(samples, decoded.SampleRate, context.CancellationToken);
        var response = new DetectWatermarkResponse { Detected = found.Detected, Confidence = (float)found.Confidence };
        if (found.Payload is { } payload)
        {
            response.Payload = payload;
            response.RequestHash = WatermarkPayload.RequestTagOf(payload);
            response.ModelVersion = models.ListVersions().Select(v => v.Version).FirstOrDefault(v => WatermarkPayload.IsFromModelVersion(payload, v)) ?? "";
        }

        return Task.FromResult(response);
    }

    public override async Task<SynthesisListVoicesResponse> ListVoices(SynthesisListVoicesRequest request, ServerCallContext context)
    {
        if (request.PageSize is < 0 or > 1000)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"page_size: {request.PageSize} is outside 0–1000");
        }

        var model = models.Model;
        var response = new SynthesisListVoicesResponse();
        var languages = model.Manifest.Phonemes?.Language is { Length: > 0 } language ? new[] { language } : [];
        if (request.Language.Length > 0 && languages.Length > 0 && !languages.Any(l => l.StartsWith(request.Language, StringComparison.OrdinalIgnoreCase) || request.Language.StartsWith(l, StringComparison.OrdinalIgnoreCase)))
        {
            return response;
        }

        // Presets first (only on the first page), then the enrolled voices page by page from the Encoders.
        if (request.PageToken.Length == 0)
        {
            foreach (var preset in model.Conditioning.Presets)
            {
                var summary = new VoiceSummary { Id = preset, Kind = VoiceKind.Preset, DisplayName = preset, IsDefault = preset == model.Conditioning.DefaultSpeaker };
                summary.Languages.AddRange(languages);
                response.Voices.Add(summary);
            }
        }

        if (model.Conditioning.TakesSpeakerEmbedding)
        {
            var enrolled = await upstreams.Encoders.ListVoicesAsync(
                new ListVoicesRequest { PageSize = request.PageSize, PageToken = request.PageToken },
                new Rpc.Client.CallOptions(Deadline: context.Deadline == DateTime.MaxValue ? null : context.Deadline, CancellationToken: context.CancellationToken)).ResultAsync().ConfigureAwait(false);
            foreach (var voice in enrolled.Voices)
            {
                var summary = new VoiceSummary { Id = voice.VoiceId, Kind = VoiceKind.Enrolled, DisplayName = voice.Name };
                if (voice.Language.Length > 0)
                {
                    summary.Languages.Add(voice.Language);
                }

                response.Voices.Add(summary);
            }

            response.NextPageToken = enrolled.NextPageToken;
        }

        return response;
    }

    public override Task<ListModelVersionsResponse> ListModelVersions(ListModelVersionsRequest request, ServerCallContext context)
    {
        var response = new ListModelVersionsResponse
        {
            ServingVersion = options.Value.ModelVersion,
            Slot = options.Value.Slot == "green" ? Slot.Green : Slot.Blue,
        };
        var batchable = models.IsReady && models.Model.Batchable;
        foreach (var version in models.ListVersions())
        {
            if (version.Version == options.Value.ModelVersion)
            {
                version.Batchable = batchable;
            }

            response.Versions.Add(version);
        }

        return Task.FromResult(response);
    }

    private Task WriteHeadersAsync(ServerCallContext context)
    {
        var headers = new Metadata();
        foreach (var (key, value) in calls.ResponseHeaders())
        {
            headers.Add(key, value);
        }

        return context.WriteResponseHeadersAsync(headers);
    }

    private static AudioContainer ContainerOf(AudioFormat format) => format switch
    {
        AudioFormat.WavPcm16 => AudioContainer.Wav,
        AudioFormat.Pcm16 => AudioContainer.Pcm16,
        AudioFormat.Float32 => AudioContainer.PcmFloat,
        AudioFormat.Mp3 => AudioContainer.Mp3,
        AudioFormat.Flac => AudioContainer.Flac,
        _ => AudioContainer.Unknown,
    };
}
