using System.Diagnostics;
using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using VoiceFleet.Audio.Watermarking;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Synthesis.Batching;
using VoiceFleet.Synthesis.Configuration;
using VoiceFleet.Synthesis.Diagnostics;
using VoiceFleet.Synthesis.Models;
using VoiceFleet.Synthesis.Output;
using VoiceFleet.Synthesis.Upstreams;

namespace VoiceFleet.Synthesis.Pipeline;

/// <summary>
/// The request pipeline: validate → admission → frontend (sentences and phoneme ids for this model version) → speaker
/// and emotion in parallel (Encoders) → sentences through the dynamic batcher → sanitise, pause, watermark and resample
/// each sentence in order → the caller's sink (the whole clip for unary calls, a chunk per sentence for streams).
/// </summary>
internal sealed class SynthesisPipeline(
    VoiceModelHost models,
    BatcherHost batchers,
    UpstreamClients upstreams,
    ConditioningResolver conditioning,
    AdmissionGate admission,
    IOptions<SynthesisOptions> synthesisOptions,
    IOptions<ServingOptions> servingOptions,
    IOptions<WatermarkSettings> watermarkSettings,
    SynthesisMetrics metrics,
    TimeProvider time)
{
    // Speech takes roughly this long per phoneme id at length scale 1 (ids include the blanks between phonemes); used
    // only to refuse hopeless requests before running them.
    private const double SecondsPerIdEstimate = 0.04;

    private readonly ServingOptions serving = servingOptions.Value;
    private readonly SynthesisOptions options = synthesisOptions.Value;
    private readonly Watermarker? watermarker = watermarkSettings.Value.Enabled
        ? new Watermarker(new WatermarkOptions { Key = watermarkSettings.Value.Key })
        : null;

    /// <summary>Runs <paramref name="request"/>, handing each finished sentence to <paramref name="sink"/> in order.</summary>
    /// <param name="request">The request.</param>
    /// <param name="context">Who serves it, its deadline and warnings.</param>
    /// <param name="streaming">Submit sentences one ahead of the one being finished (early first audio) rather than all at once (best batching).</param>
    /// <param name="sink">Receives each finished sentence.</param>
    /// <param name="cancellationToken">The request's cancellation (client gone or deadline passed).</param>
    public async Task<SynthesisOutcome> RunAsync(
        SynthesizeRequest request,
        RequestContext context,
        bool streaming,
        Func<OutputSegment, CancellationToken, ValueTask> sink,
        CancellationToken cancellationToken)
    {
        RequestValidator.Validate(request, serving);
        var format = RequestValidator.OutputFormat(request.Format);
        using var admitted = await admission.EnterAsync(cancellationToken).ConfigureAwait(false);
        var model = models.Model;
        var batcher = batchers.Batcher;
        var stages = new StageClock();

        // 1. Text → sentences with this model's phoneme ids.
        var analysis = await stages.TimeAsync("frontend", () => AnalyzeAsync(request, context, cancellationToken)).ConfigureAwait(false);
        var sentences = analysis.Sentences.Where(s => IsSpeakable(s)).ToList();
        if (sentences.Count == 0)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"{InputField(request)}: there is nothing to say: the input has no speakable words");
        }

        // 2. Speaker and emotions, in parallel.
        var voiceTask = stages.TimeAsync("speaker", () => conditioning.ResolveVoiceAsync(request.Voice, model.Conditioning, context, cancellationToken));
        var emotionTask = stages.TimeAsync("emotion", () => ResolveEmotionsAsync(request, sentences, model.Conditioning, context, cancellationToken));
        await Task.WhenAll(voiceTask, emotionTask).ConfigureAwait(false);
        var voice = await voiceTask.ConfigureAwait(false);
        var emotions = await emotionTask.ConfigureAwait(false);

        // 3. Scales: speed (or a target duration), SSML rate per sentence.
        var defaults = model.Manifest.Inference ?? VoiceFleet.Models.Manifest.InferenceDefaults.Piper;
        var speed = request.Speed == 0 ? 1f : request.Speed;
        var estimate = sentences.Sum(s => s.PhonemeIds.Count) * SecondsPerIdEstimate * defaults.LengthScale / speed;
        if (request.TargetDurationSeconds == 0 && estimate > serving.MaxOutputSeconds * 2)
        {
            metrics.Rejected("too_long");
            throw new RpcException(StatusCode.InvalidArgument, $"{InputField(request)}: the output would last about {estimate:0} s; the limit is {serving.MaxOutputSeconds:0.#} s (Synthesis:Serving:MaxOutputSeconds)");
        }

        var seed = request.HasSeed ? request.Seed : BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        var inputs = sentences.Select((s, i) => new SentenceInput(
            [.. s.PhonemeIds],
            voice.Embedding,
            voice.SpeakerId,
            emotions[i],
            SentenceSeed(seed, i))).ToList();
        var pauses = sentences.Select((s, i) => request.HasSentenceSilenceSeconds ? request.SentenceSilenceSeconds : s.PauseAfterSeconds).ToList();
        var lengthScale = defaults.LengthScale / speed;
        if (request.TargetDurationSeconds > 0)
        {
            lengthScale = await FitDurationAsync(request.TargetDurationSeconds, inputs, sentences, pauses, defaults, model, batcher, cancellationToken).ConfigureAwait(false);
        }

        var scales = sentences.Select(s => new InferenceScales(defaults.NoiseScale, lengthScale / Rate(s), defaults.NoiseW)).ToList();

        // 4. Run and finish sentence by sentence.
        var outputRate = request.SampleRateHz == 0 ? model.SampleRate : request.SampleRateHz;
        var pitch = request.PitchShiftSemitones;
        var payload = WatermarkPayload.Compose(context.ModelVersion, RequestKey(request, seed));
        var mark = watermarker is not null && model.SampleRate >= Watermarker.MinSampleRate ? watermarker : null;
        if (watermarker is not null && mark is null)
        {
            context.AddUpstreamWarning(
                new Warning { Code = SynthesisWarnings.WatermarkSkipped, Message = $"the model's rate ({model.SampleRate} Hz) is below the {Watermarker.MinSampleRate} Hz the watermark needs; the output is not marked" },
                "model_version");
        }

        // The payload's part of the watermark is worked out on a spare thread while the model runs, so that marking a
        // finished sentence only scales, adds and resamples (docs/watermark.md, "Preparing ahead").
        using var prepared = mark?.Prepare(payload, model.SampleRate);
        if (prepared is not null)
        {
            var seconds = request.TargetDurationSeconds > 0 ? request.TargetDurationSeconds : estimate * 1.1 + pauses.Sum();
            _ = Task.Run(() => PrecomputeWatermark(prepared, TimeSpan.FromSeconds(seconds), cancellationToken), CancellationToken.None);
        }

        var assembler = new OutputAssembler(model.SampleRate, outputRate, pitch, mark, prepared, serving.MaxOutputSeconds);
        var tickets = new SentenceTicket?[inputs.Count];
        var runsCounted = new HashSet<long>();

        // Sentences still queued when the request ends early (an error, the client gone) are dropped with it.
        using var requestScope = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        SentenceTicket Submit(int i)
        {
            // The main loop and a dispatch continuation may both ask for sentence i: it is queued once.
            lock (tickets)
            {
                return tickets[i] ??= batcher.Submit(inputs[i], scales[i], requestScope.Token);
            }
        }

        try
        {
            await RunSentencesAsync().ConfigureAwait(false);
        }
        finally
        {
            await requestScope.CancelAsync().ConfigureAwait(false);
        }

        async Task RunSentencesAsync()
        {
            if (!streaming)
            {
                for (var i = 0; i < inputs.Count; i++)
                {
                    Submit(i);
                }
            }

            for (var i = 0; i < inputs.Count; i++)
            {
                var ticket = Submit(i);
                if (i + 1 < inputs.Count)
                {
                    // One sentence ahead: the next runs while this one is finished and sent.
                    var next = i + 1;
                    _ = ticket.Dispatched.ContinueWith(_ => Submit(next), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }

                var result = await ticket.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
                stages.Add("queue", result.QueueTime);
                if (runsCounted.Add(result.RunId))
                {
                    foreach (var stage in result.Stages)
                    {
                        stages.Add(stage.Stage, stage.Duration);
                    }
                }

                var started = Stopwatch.GetTimestamp();
                var segment = assembler.Add(i, sentences[i].Text, result.Audio, pauses[i], i == inputs.Count - 1, cancellationToken);
                stages.Add("watermark", Stopwatch.GetElapsedTime(started));
                await sink(segment, cancellationToken).ConfigureAwait(false);
            }
        }

        var measuring = Stopwatch.GetTimestamp();
        var quality = await assembler.QualityAsync().ConfigureAwait(false);
        stages.Add("quality", Stopwatch.GetElapsedTime(measuring));
        var elapsed = time.GetElapsedTime(context.StartTimestamp);
        var info = new SynthesisInfo
        {
            ModelVersion = context.ModelVersion,
            Slot = options.Slot == "green" ? Slot.Green : Slot.Blue,
            Track = context.Track switch { "stable" => Track.Stable, "canary" => Track.Canary, _ => Track.Unspecified },
            Seed = seed,
            SentenceCount = inputs.Count,
            RealTimeFactor = assembler.Seconds > 0 ? elapsed.TotalSeconds / assembler.Seconds : 0,
            Watermark = new WatermarkInfo { Embedded = mark is not null, Payload = mark is null ? 0 : payload },
            Quality = new OutputQuality
            {
                NonFiniteSamples = quality.NonFiniteSamples,
                ClippingRatio = quality.ClippingRatio,
                SilenceRatio = quality.SilenceRatio,
                LoudnessLufs = quality.LoudnessLufs,
                PeakDbfs = quality.PeakDbfs,
            },
        };
        foreach (var (name, duration) in stages.Totals)
        {
            info.StageTimings.Add(new StageTiming { Stage = name, Duration = Duration.FromTimeSpan(duration) });
            metrics.Stage(name, duration);
        }

        info.Warnings.AddRange(context.Warnings);
        if (context.Warnings.Any(w => w.Code == "G2P_FALLBACK"))
        {
            metrics.Fallback("g2p");
        }

        return new SynthesisOutcome(info, assembler.Seconds, outputRate, format, new OutputSummary(assembler.Seconds, quality));
    }

    private static void PrecomputeWatermark(PreparedWatermark prepared, TimeSpan duration, CancellationToken cancellationToken)
    {
        try
        {
            prepared.Precompute(duration, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The request ended first; its embedding (if any) works out what it needs itself.
        }
    }

    private async Task<AnalyzeResponse> AnalyzeAsync(SynthesizeRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        var analyze = new AnalyzeRequest { Language = request.Language, ModelVersion = context.ModelReference, Strict = context.Strict };
        switch (request.InputCase)
        {
            case SynthesizeRequest.InputOneofCase.Text:
                analyze.Text = request.Text;
                break;
            case SynthesizeRequest.InputOneofCase.Ssml:
                analyze.Ssml = request.Ssml;
                break;
            case SynthesizeRequest.InputOneofCase.Phonemes:
                analyze.Phonemes = request.Phonemes;
                break;
        }

        analyze.LexiconEntries.AddRange(request.LexiconEntries);
        analyze.Lexicons.AddRange(request.Lexicons);
        var response = await upstreams.Frontend.AnalyzeAsync(analyze, context.CallOptions(cancellationToken)).ResultAsync().ConfigureAwait(false);
        foreach (var warning in response.Warnings)
        {
            context.AddUpstreamWarning(warning, InputField(request));
        }

        return response;
    }

    private async Task<float[]?[]> ResolveEmotionsAsync(SynthesizeRequest request, List<Sentence> sentences, VoiceConditioning model, RequestContext context, CancellationToken cancellationToken)
    {
        var requestEmotion = await conditioning.ResolveEmotionAsync(request.Emotion, model, context, "emotion", cancellationToken).ConfigureAwait(false);
        var result = new float[]?[sentences.Count];
        var perSentence = new Dictionary<EmotionSpec, Task<float[]?>>();
        for (var i = 0; i < sentences.Count; i++)
        {
            var own = sentences[i].Emotion;
            if (own is null || own.SourceCase == EmotionSpec.SourceOneofCase.None)
            {
                result[i] = requestEmotion;
                continue;
            }

            if (!perSentence.TryGetValue(own, out var task))
            {
                task = conditioning.ResolveEmotionAsync(own, model, context, $"ssml (sentence {i})", cancellationToken);
                perSentence.Add(own, task);
            }

            result[i] = await task.ConfigureAwait(false);
        }

        return result;
    }

    // Two passes: the sentences at length scale 1 give their speech time; the scale that fits the target is then
    // (target − pauses) / speech. Durations of these models are proportional to the length scale.
    private static async Task<float> FitDurationAsync(
        double target, List<SentenceInput> inputs, List<Sentence> sentences, List<double> pauses, VoiceFleet.Models.Manifest.InferenceDefaults defaults, IVoiceModel model, SentenceBatcher batcher, CancellationToken cancellationToken)
    {
        var pauseSeconds = pauses.Take(pauses.Count - 1).Sum();
        if (target <= pauseSeconds)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"target_duration_seconds: {target} s leaves no time to speak: the pauses between sentences alone take {pauseSeconds:0.##} s");
        }

        var probes = inputs.Select((input, i) => batcher.Submit(input, new InferenceScales(defaults.NoiseScale, 1f / Rate(sentences[i]), defaults.NoiseW), cancellationToken)).ToList();
        double speech = 0;
        foreach (var probe in probes)
        {
            speech += (await probe.Completion.WaitAsync(cancellationToken).ConfigureAwait(false)).Audio.Length / (double)model.SampleRate;
        }

        var scale = (target - pauseSeconds) / Math.Max(speech, 1e-3);
        if (scale is < 0.25 or > 4)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"target_duration_seconds: {target} s would need the text spoken at {1 / scale:0.##}× its natural speed; allowed is 0.25–4×");
        }

        return (float)scale;
    }

    // The request's content with the seed it was run with: the same request gives the same mark, hence the same samples.
    private static string RequestKey(SynthesizeRequest request, ulong seed)
    {
        var canonical = new SynthesizeRequest(request) { Seed = seed };
        return Convert.ToHexStringLower(SHA256.HashData(canonical.ToByteArray()));
    }

    private static float Rate(Sentence sentence) => sentence.Prosody is { Rate: > 0 } prosody ? prosody.Rate : 1f;

    private static bool IsSpeakable(Sentence sentence) =>
        sentence.PhonemeIds.Count > 0 && sentence.Words.Any(w => !w.Punctuation && w.Phonemes.Count > 0);

    private static long SentenceSeed(ulong seed, int index)
    {
        // SplitMix64 of (seed, index): independent sentences, same seed → same samples.
        ulong z = seed + 0x9E3779B97F4A7C15UL * (ulong)(index + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (long)((z ^ (z >> 31)) & 0x7FFF_FFFF_FFFF_FFFFUL);
    }

    private static string InputField(SynthesizeRequest request) => request.InputCase switch
    {
        SynthesizeRequest.InputOneofCase.Ssml => "ssml",
        SynthesizeRequest.InputOneofCase.Phonemes => "phonemes",
        _ => "text",
    };
}
