using System.Globalization;
using Microsoft.Extensions.Options;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Encoders.Configuration;
using VoiceFleet.Encoders.Diagnostics;
using VoiceFleet.Encoders.Embeddings;
using VoiceFleet.Encoders.ReferenceAudio;
using VoiceFleet.Encoders.TextEmotion;
using VoiceFleet.Onnx.Runtime;

namespace VoiceFleet.Encoders.Emotions;

/// <summary>
/// Every way to ask for an emotion, resolved in the emotion encoder's space: a label (its prototype times
/// the strength), a reference clip (the emotion encoder), a description (text-to-emotion, then the
/// prototypes weighted by the distribution), or a weighted mixture of those. Unknown labels and failed
/// extractions fall back to neutral with a warning, or fail in strict mode.
/// </summary>
internal sealed class EmotionResolver(
    EncoderCatalog catalog,
    ClipEmbedder embedder,
    ReferenceAudioLoader audio,
    TextEmotionService text,
    IOptions<EncodersOptions> options,
    ILogger<EmotionResolver> logger)
{
    /// <summary>The most components of a mixture.</summary>
    public const int MaxComponents = 8;

    private readonly LexiconTextEmotionAnalyzer _aliases = new();

    public async Task<EmotionOutcome> ResolveAsync(EmotionSpec? spec, string? encoderVersion, bool strict, string field, List<Warning> warnings, CancellationToken cancellationToken)
    {
        strict |= options.Value.Strict;
        var encoder = catalog.Emotion(encoderVersion);
        spec ??= new EmotionSpec();
        float? strength = spec.HasStrength ? CheckStrength(spec.Strength, $"{field}.strength") : null;
        switch (spec.SourceCase)
        {
            case EmotionSpec.SourceOneofCase.Label:
                return ResolveLabel(encoder, spec.Label, strength ?? 1, strict, $"{field}.label", warnings);
            case EmotionSpec.SourceOneofCase.Description:
                return ResolveDescription(encoder, spec.Description, strength, strict, $"{field}.description", warnings, cancellationToken);
            case EmotionSpec.SourceOneofCase.ReferenceAudio:
                return await ResolveClipAsync(encoder, spec.ReferenceAudio, strength, strict, $"{field}.reference_audio", warnings, cancellationToken).ConfigureAwait(false);
            case EmotionSpec.SourceOneofCase.Mixture:
                return (await MixAsync(spec.Mixture, strength ?? 1, encoderVersion, strict, $"{field}.mixture", warnings, cancellationToken).ConfigureAwait(false)).Blend;
            default:
                return Neutral(encoder, 0);
        }
    }

    public async Task<MixtureOutcome> MixAsync(EmotionMixture? mixture, float strength, string? encoderVersion, bool strict, string field, List<Warning> warnings, CancellationToken cancellationToken)
    {
        strict |= options.Value.Strict;
        var encoder = catalog.Emotion(encoderVersion);
        var components = mixture?.Components ?? [];
        if (components.Count == 0)
        {
            throw Errors.InvalidArgument($"{field}.components", "a mixture needs at least one component.");
        }

        if (components.Count > MaxComponents)
        {
            throw Errors.InvalidArgument($"{field}.components", $"{components.Count} components; at most {MaxComponents} are allowed.");
        }

        var total = 0.0;
        for (var i = 0; i < components.Count; i++)
        {
            var weight = components[i].Weight;
            if (!float.IsFinite(weight) || weight <= 0)
            {
                throw Errors.InvalidArgument($"{field}.components[{i}].weight", $"weight {weight.ToString(CultureInfo.InvariantCulture)} must be a finite number above 0.");
            }

            if (components[i].Emotion?.SourceCase == EmotionSpec.SourceOneofCase.Mixture)
            {
                throw Errors.InvalidArgument($"{field}.components[{i}].emotion", "a mixture component may not itself be a mixture.");
            }

            total += weight;
        }

        var resolved = new List<(EmotionOutcome, float)>();
        var embedding = new float[encoder.EmbeddingSize];
        var distribution = new float[encoder.Labels.Count];
        var cacheHit = true;
        for (var i = 0; i < components.Count; i++)
        {
            var weight = (float)(components[i].Weight / total);
            var outcome = await ResolveAsync(components[i].Emotion, encoder.Version, strict, $"{field}.components[{i}].emotion", warnings, cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < embedding.Length; j++)
            {
                embedding[j] += weight * outcome.Embedding[j];
            }

            for (var j = 0; j < distribution.Length; j++)
            {
                distribution[j] += weight * outcome.Distribution[j];
            }

            cacheHit &= outcome.CacheHit;
            resolved.Add((outcome, weight));
        }

        for (var j = 0; j < embedding.Length; j++)
        {
            embedding[j] *= strength;
        }

        var blend = new EmotionOutcome(embedding, distribution, encoder.Labels, encoder.Labels[VectorMath.ArgMax(distribution)], strength, encoder.Version, null, cacheHit);
        return new MixtureOutcome(blend, resolved);
    }

    private EmotionOutcome ResolveLabel(LoadedEncoder encoder, string label, float strength, bool strict, string field, List<Warning> warnings)
    {
        var name = label.Trim().ToLowerInvariant();
        var index = encoder.LabelIndex(name);
        if (index >= 0)
        {
            return FromLabel(encoder, index, strength);
        }

        var known = string.Join(", ", encoder.Labels);
        if (strict)
        {
            throw Errors.InvalidArgument(field, $"unknown emotion label '{label}'; {encoder.Version} knows {known}.");
        }

        // Not one of the labels, but maybe a word for one ("excited", "开心"): read it as a description.
        var reading = _aliases.Analyze(name, CancellationToken.None);
        var interpreted = reading.Recognised ? encoder.LabelIndex(reading.Emotion) : -1;
        if (interpreted >= 0 && reading.Distribution.Max() >= 0.5f)
        {
            Warn(warnings, WarningCodes.EmotionLabelInterpreted, $"'{label}' is not a label of {encoder.Version} ({known}); read as '{encoder.Labels[interpreted]}'.", field);
            return FromLabel(encoder, interpreted, strength);
        }

        EncodersLog.EmotionFallback(logger, $"unknown label '{label}'");
        Warn(warnings, WarningCodes.EmotionFallbackNeutral, $"unknown emotion label '{label}' ({encoder.Version} knows {known}); neutral used.", field);
        return Neutral(encoder, 0);
    }

    private EmotionOutcome ResolveDescription(LoadedEncoder encoder, string description, float? strength, bool strict, string field, List<Warning> warnings, CancellationToken cancellationToken)
    {
        var result = text.Analyze(description, field, strict, warnings, cancellationToken);
        if (!result.Recognised)
        {
            if (strict)
            {
                throw Errors.InvalidArgument(field, "no emotion could be read from the description.");
            }

            Warn(warnings, WarningCodes.EmotionFallbackNeutral, "no emotion could be read from the description; neutral used.", field);
            return Neutral(encoder, 0);
        }

        // The analyzer's labels onto the encoder's (same names; a label the encoder lacks drops out).
        var distribution = new float[encoder.Labels.Count];
        for (var i = 0; i < result.Labels.Count; i++)
        {
            var index = encoder.LabelIndex(result.Labels[i]);
            if (index >= 0)
            {
                distribution[index] += result.Distribution[i];
            }
        }

        var sum = distribution.Sum();
        if (sum <= 0)
        {
            Warn(warnings, WarningCodes.EmotionFallbackNeutral, $"the description's emotions are not labels of {encoder.Version}; neutral used.", field);
            return Neutral(encoder, 0);
        }

        for (var i = 0; i < distribution.Length; i++)
        {
            distribution[i] /= sum;
        }

        var applied = strength ?? result.Strength;
        var embedding = Direction(encoder, distribution);
        for (var j = 0; j < embedding.Length; j++)
        {
            embedding[j] *= applied;
        }

        return new EmotionOutcome(embedding, distribution, encoder.Labels, encoder.Labels[VectorMath.ArgMax(distribution)], applied, encoder.Version, null, false);
    }

    private async Task<EmotionOutcome> ResolveClipAsync(LoadedEncoder encoder, VoiceFleet.Contracts.V1.Audio clip, float? strength, bool strict, string field, List<Warning> warnings, CancellationToken cancellationToken)
    {
        var reference = audio.Load(clip, field, strict);
        warnings.AddRange(reference.Warnings);
        EmbeddingResult result;
        try
        {
            result = await embedder.EmotionAsync(reference, encoder.Version, cancellationToken).ConfigureAwait(false);
        }
        catch (OnnxRuntimeException ex) when (!strict)
        {
            Warn(warnings, WarningCodes.EmotionFallbackNeutral, $"the emotion encoder failed on the clip ({ex.Message}); neutral used.", field);
            return Neutral(encoder, 0) with { Quality = reference.Quality };
        }

        var probabilities = result.Probabilities ?? new float[encoder.Labels.Count];
        var norm = (float)VectorMath.Norm(result.Values);
        var estimated = Math.Clamp(norm, 0f, 1f);
        var embedding = result.Values.ToArray();
        if (strength is { } wanted && norm > 1e-6f)
        {
            for (var j = 0; j < embedding.Length; j++)
            {
                embedding[j] = embedding[j] / norm * wanted;
            }
        }

        var emotion = encoder.Labels.Count > 0 ? encoder.Labels[VectorMath.ArgMax(probabilities)] : string.Empty;
        return new EmotionOutcome(embedding, probabilities, encoder.Labels, emotion, MathF.Round(strength ?? estimated, 3), encoder.Version, reference.Quality, result.CacheHit);
    }

    private static EmotionOutcome FromLabel(LoadedEncoder encoder, int index, float strength)
    {
        var embedding = encoder.Prototypes[index].Select(v => v * strength).ToArray();
        var distribution = new float[encoder.Labels.Count];
        distribution[index] = 1;
        return new EmotionOutcome(embedding, distribution, encoder.Labels, encoder.Labels[index], strength, encoder.Version, null, false);
    }

    private static EmotionOutcome Neutral(LoadedEncoder encoder, float strength)
    {
        var distribution = new float[encoder.Labels.Count];
        var neutral = encoder.LabelIndex(EmotionLabels.Neutral);
        distribution[neutral >= 0 ? neutral : 0] = 1;
        return new EmotionOutcome(new float[encoder.EmbeddingSize], distribution, encoder.Labels, encoder.Labels[neutral >= 0 ? neutral : 0], strength, encoder.Version, null, false);
    }

    /// <summary>The unit-strength direction of a distribution: its non-neutral labels' prototypes weighted by their share of the non-neutral mass.</summary>
    private static float[] Direction(LoadedEncoder encoder, float[] distribution)
    {
        var embedding = new float[encoder.EmbeddingSize];
        var neutral = encoder.LabelIndex(EmotionLabels.Neutral);
        var mass = 0f;
        for (var i = 0; i < distribution.Length; i++)
        {
            if (i != neutral)
            {
                mass += distribution[i];
            }
        }

        if (mass <= 1e-6f)
        {
            return embedding;
        }

        for (var i = 0; i < distribution.Length; i++)
        {
            if (i == neutral)
            {
                continue;
            }

            var share = distribution[i] / mass;
            var prototype = encoder.Prototypes[i];
            for (var j = 0; j < embedding.Length; j++)
            {
                embedding[j] += share * prototype[j];
            }
        }

        return embedding;
    }

    private static float CheckStrength(float strength, string field) =>
        float.IsFinite(strength) && strength is >= 0 and <= 1
            ? strength
            : throw Errors.InvalidArgument(field, $"strength {strength.ToString(CultureInfo.InvariantCulture)} is outside 0..1.");

    private static void Warn(List<Warning> warnings, string code, string message, string field) =>
        warnings.Add(new Warning { Code = code, Message = message, Field = field });
}
