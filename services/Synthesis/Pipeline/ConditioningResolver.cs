using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Synthesis.Diagnostics;
using VoiceFleet.Synthesis.Models;
using VoiceFleet.Synthesis.Upstreams;

namespace VoiceFleet.Synthesis.Pipeline;

/// <summary>
/// Turns a request's voice and emotion into model inputs. Presets come from the model's manifest; enrolled voices,
/// reference clips and every emotion source go through the Encoders, asking for the encoder versions the model pairs
/// with. Fallbacks (reported as warnings, errors when strict): a speaker the Encoders cannot extract (unavailable,
/// timed out) → the default voice; an emotion they cannot resolve → neutral. Bad input the Encoders reject
/// (INVALID_ARGUMENT, NOT_FOUND) is the caller's error and is returned as it is.
/// </summary>
internal sealed class ConditioningResolver(UpstreamClients upstreams, SynthesisMetrics metrics)
{
    public async Task<ResolvedVoice> ResolveVoiceAsync(VoiceSpec? voice, VoiceConditioning model, RequestContext request, CancellationToken cancellationToken)
    {
        if (voice is null || voice.SourceCase == VoiceSpec.SourceOneofCase.None)
        {
            return Default(model);
        }

        switch (voice.SourceCase)
        {
            case VoiceSpec.SourceOneofCase.PresetSpeaker:
                if (model.TryGetPreset(voice.PresetSpeaker, out var embedding, out var id))
                {
                    return new ResolvedVoice(embedding ?? (model.TakesSpeakerEmbedding ? new float[model.SpeakerEmbeddingSize] : null), id, "preset " + voice.PresetSpeaker);
                }

                throw new RpcException(StatusCode.NotFound, $"voice.preset_speaker: '{voice.PresetSpeaker}' is not a preset of {request.ModelReference}; its presets: {string.Join(", ", model.Presets)}");

            case VoiceSpec.SourceOneofCase.VoiceId:
            case VoiceSpec.SourceOneofCase.Reference:
                if (!model.TakesSpeakerEmbedding)
                {
                    return Fallback(model, request, SynthesisWarnings.VoiceUnsupported, "voice", $"{request.ModelReference} speaks only its preset voices; the default voice '{model.DefaultSpeaker}' was used", StatusCode.InvalidArgument);
                }

                try
                {
                    var vector = voice.SourceCase == VoiceSpec.SourceOneofCase.VoiceId
                        ? await EnrolledAsync(voice.VoiceId, model, request, cancellationToken).ConfigureAwait(false)
                        : await ClonedAsync(voice.Reference, model, request, cancellationToken).ConfigureAwait(false);
                    return new ResolvedVoice(CheckSize(vector, model.SpeakerEmbeddingSize, "speaker"), 0, voice.SourceCase == VoiceSpec.SourceOneofCase.VoiceId ? "enrolled " + voice.VoiceId : "reference clip");
                }
                catch (RpcException ex) when (IsExtractionFailure(ex.StatusCode) && !cancellationToken.IsCancellationRequested)
                {
                    return Fallback(model, request, SynthesisWarnings.SpeakerFallbackDefault, "voice", $"the speaker could not be extracted ({ex.StatusCode}: {ex.Status.Detail}); the default voice '{model.DefaultSpeaker}' was used", ex.StatusCode);
                }

            default:
                throw new RpcException(StatusCode.InvalidArgument, "voice: unknown voice source");
        }
    }

    /// <summary>The emotion embedding for <paramref name="emotion"/>: neutral when unset.</summary>
    public async Task<float[]?> ResolveEmotionAsync(EmotionSpec? emotion, VoiceConditioning model, RequestContext request, string field, CancellationToken cancellationToken)
    {
        var unset = emotion is null || (emotion.SourceCase == EmotionSpec.SourceOneofCase.None && !emotion.HasStrength);
        if (!model.TakesEmotion)
        {
            if (!unset)
            {
                request.Warn(SynthesisWarnings.EmotionUnsupported, $"{request.ModelReference} takes no emotion; the request's emotion was ignored", field, StatusCode.InvalidArgument);
            }

            return null;
        }

        if (unset)
        {
            return model.Neutral;
        }

        try
        {
            var response = await upstreams.Encoders.EmbedEmotionAsync(
                new EmbedEmotionRequest { Emotion = emotion, EncoderVersion = model.EmotionEncoder, Strict = request.Strict },
                request.CallOptions(cancellationToken)).ResultAsync().ConfigureAwait(false);
            foreach (var warning in response.Warnings)
            {
                request.AddUpstreamWarning(warning, field);
            }

            return CheckSize([.. response.Embedding.Values], model.EmotionEmbeddingSize, "emotion");
        }
        catch (RpcException ex) when (IsExtractionFailure(ex.StatusCode) && !cancellationToken.IsCancellationRequested)
        {
            metrics.Fallback("neutral_emotion");
            request.Warn(SynthesisWarnings.EmotionFallbackNeutral, $"the emotion could not be resolved ({ex.StatusCode}: {ex.Status.Detail}); neutral was used", field, ex.StatusCode);
            return model.Neutral;
        }
    }

    private async Task<float[]> EnrolledAsync(string voiceId, VoiceConditioning model, RequestContext request, CancellationToken cancellationToken)
    {
        var response = await upstreams.Encoders.GetVoiceAsync(
            new GetVoiceRequest { VoiceId = voiceId, IncludeEmbedding = true, EncoderVersion = model.SpeakerEncoder },
            request.CallOptions(cancellationToken)).ResultAsync().ConfigureAwait(false);
        return [.. response.Voice.Embedding.Values];
    }

    private async Task<float[]> ClonedAsync(ReferenceVoice reference, VoiceConditioning model, RequestContext request, CancellationToken cancellationToken)
    {
        if (reference.Audio is null || reference.Audio.Data.IsEmpty)
        {
            throw new RpcException(StatusCode.InvalidArgument, "voice.reference.audio: the reference clip is empty");
        }

        var response = await upstreams.Encoders.EmbedSpeakerAsync(
            new EmbedSpeakerRequest { Audio = reference.Audio, Transcript = reference.Transcript, EncoderVersion = model.SpeakerEncoder, Strict = request.Strict },
            request.CallOptions(cancellationToken)).ResultAsync().ConfigureAwait(false);
        foreach (var warning in response.Warnings)
        {
            request.AddUpstreamWarning(warning, "voice.reference");
        }

        return [.. response.Embedding.Values];
    }

    private ResolvedVoice Fallback(VoiceConditioning model, RequestContext request, string code, string field, string message, StatusCode strictCode)
    {
        metrics.Fallback("default_voice");
        request.Warn(code, message, field, strictCode);
        return Default(model);
    }

    private static ResolvedVoice Default(VoiceConditioning model)
    {
        if (model.DefaultSpeaker.Length > 0 && model.TryGetPreset(model.DefaultSpeaker, out var embedding, out var id))
        {
            return new ResolvedVoice(embedding ?? (model.TakesSpeakerEmbedding ? new float[model.SpeakerEmbeddingSize] : null), id, "default " + model.DefaultSpeaker);
        }

        return new ResolvedVoice(model.TakesSpeakerEmbedding ? new float[model.SpeakerEmbeddingSize] : null, 0, "default");
    }

    private static float[] CheckSize(float[] vector, int expected, string what) => vector.Length == expected
        ? vector
        : throw new RpcException(StatusCode.FailedPrecondition, $"the Encoders returned a {vector.Length}-value {what} embedding; this model takes {expected} (the model and the encoder do not pair)");

    // Failures of the extraction itself, not of the caller's input.
    private static bool IsExtractionFailure(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown or StatusCode.ResourceExhausted or StatusCode.FailedPrecondition;
}
