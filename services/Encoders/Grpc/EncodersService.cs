using Microsoft.Extensions.Options;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Encoders.Configuration;
using VoiceFleet.Encoders.Diagnostics;
using VoiceFleet.Encoders.Embeddings;
using VoiceFleet.Encoders.Emotions;
using VoiceFleet.Encoders.ReferenceAudio;
using VoiceFleet.Encoders.Storage;
using VoiceFleet.Encoders.Voices;
using VoiceFleet.Rpc.Server;

namespace VoiceFleet.Encoders.Grpc;

/// <summary>
/// The gRPC surface of the encoders service: speaker and emotion embeddings, emotion mixing, and the
/// enrolled-voice registry. Bad input is INVALID_ARGUMENT naming the field (docs/contracts.md).
/// </summary>
internal sealed class EncodersService(
    ReferenceAudioLoader audio,
    ClipEmbedder embedder,
    EmotionResolver emotions,
    VoiceRegistry voices,
    IEncodersStore store,
    EncodersMetrics metrics,
    IOptions<EncodersOptions> options,
    TimeProvider time) : EncodersServiceBase
{
    public override async Task<EmbedSpeakerResponse> EmbedSpeaker(EmbedSpeakerRequest request, ServerCallContext context)
    {
        var strict = request.Strict || options.Value.Strict;
        var clip = audio.Load(request.Audio, "audio", strict);
        var result = await embedder.SpeakerAsync(clip, request.EncoderVersion, context.CancellationToken).ConfigureAwait(false);
        if (options.Value.AuditSpeakerEmbeddings)
        {
            var caller = CallerIdentity.From(context.RequestHeaders.GetValue(CallerIdentity.Header));
            await store.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), caller, AuditActions.CloneEmbed, null, clip.ContentSha256, $"encoder {result.EncoderVersion}; {clip.Quality.SpeechSeconds:0.0} s of speech"), context.CancellationToken).ConfigureAwait(false);
        }

        var response = new EmbedSpeakerResponse
        {
            Embedding = new Embedding { Values = { result.Values }, EncoderVersion = result.EncoderVersion },
            Quality = clip.Quality,
            CacheHit = result.CacheHit,
            ContentSha256 = clip.ContentSha256,
        };
        response.Warnings.AddRange(Counted(clip.Warnings));
        return response;
    }

    public override async Task<EmbedEmotionResponse> EmbedEmotion(EmbedEmotionRequest request, ServerCallContext context)
    {
        var warnings = new List<Warning>();
        var outcome = await emotions.ResolveAsync(request.Emotion, request.EncoderVersion, request.Strict, "emotion", warnings, context.CancellationToken).ConfigureAwait(false);
        var response = new EmbedEmotionResponse
        {
            Embedding = new Embedding { Values = { outcome.Embedding }, EncoderVersion = outcome.EncoderVersion },
            Emotion = outcome.Emotion,
            Strength = outcome.Strength,
            CacheHit = outcome.CacheHit,
        };
        if (outcome.Quality is not null)
        {
            response.Quality = outcome.Quality;
        }

        response.Distribution.AddRange(Distribution(outcome));
        response.Warnings.AddRange(Counted(warnings));
        return response;
    }

    public override async Task<MixEmotionsResponse> MixEmotions(MixEmotionsRequest request, ServerCallContext context)
    {
        var warnings = new List<Warning>();
        float strength = 1;
        if (request.HasStrength)
        {
            strength = float.IsFinite(request.Strength) && request.Strength is >= 0 and <= 1
                ? request.Strength
                : throw Errors.InvalidArgument("strength", $"strength {request.Strength} is outside 0..1.");
        }

        var mix = await emotions.MixAsync(request.Mixture, strength, request.EncoderVersion, request.Strict, "mixture", warnings, context.CancellationToken).ConfigureAwait(false);
        var response = new MixEmotionsResponse
        {
            Embedding = new Embedding { Values = { mix.Blend.Embedding }, EncoderVersion = mix.Blend.EncoderVersion },
            Emotion = mix.Blend.Emotion,
        };
        response.Distribution.AddRange(Distribution(mix.Blend));
        foreach (var (outcome, weight) in mix.Components)
        {
            response.Components.Add(new MixedComponent
            {
                Embedding = new Embedding { Values = { outcome.Embedding }, EncoderVersion = outcome.EncoderVersion },
                NormalizedWeight = weight,
                Emotion = outcome.Emotion,
            });
        }

        response.Warnings.AddRange(Counted(warnings));
        return response;
    }

    public override async Task<EnrollVoiceResponse> EnrollVoice(EnrollVoiceRequest request, ServerCallContext context)
    {
        var (voice, warnings) = await voices.EnrollAsync(request, Caller(context), context.CancellationToken).ConfigureAwait(false);
        var response = new EnrollVoiceResponse { Voice = voice };
        response.Warnings.AddRange(Counted(warnings));
        return response;
    }

    public override async Task<GetVoiceResponse> GetVoice(GetVoiceRequest request, ServerCallContext context) =>
        new() { Voice = await voices.GetAsync(request, Caller(context), context.CancellationToken).ConfigureAwait(false) };

    public override async Task<ListVoicesResponse> ListVoices(ListVoicesRequest request, ServerCallContext context)
    {
        var (list, next) = await voices.ListAsync(request.PageSize, request.PageToken, context.CancellationToken).ConfigureAwait(false);
        var response = new ListVoicesResponse { NextPageToken = next };
        response.Voices.AddRange(list);
        return response;
    }

    public override async Task<DeleteVoiceResponse> DeleteVoice(DeleteVoiceRequest request, ServerCallContext context)
    {
        var (id, removed) = await voices.DeleteAsync(request.VoiceId, request.Reason, Caller(context), context.CancellationToken).ConfigureAwait(false);
        return new DeleteVoiceResponse { VoiceId = id, RemovedEmbeddings = removed };
    }

    private static string Caller(ServerCallContext context) => CallerIdentity.From(context.RequestHeaders.GetValue(CallerIdentity.Header));

    private static IEnumerable<EmotionProbability> Distribution(EmotionOutcome outcome) =>
        outcome.Labels.Select((label, i) => new EmotionProbability { Label = label, Probability = outcome.Distribution[i] });

    private IEnumerable<Warning> Counted(IEnumerable<Warning> warnings)
    {
        foreach (var warning in warnings)
        {
            metrics.Warning(warning.Code);
            yield return warning;
        }
    }
}
