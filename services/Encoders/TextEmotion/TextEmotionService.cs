using Microsoft.Extensions.Options;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Encoders.Configuration;
using VoiceFleet.Encoders.Diagnostics;
using VoiceFleet.Onnx.Runtime;

namespace VoiceFleet.Encoders.TextEmotion;

/// <summary>
/// Descriptions → emotion, through the configured engine. The ONNX engine falls back to the lexicon (with
/// a warning) when its run fails, or fails the request in strict mode.
/// </summary>
internal sealed class TextEmotionService(IOptions<TextEmotionOptions> options, IServiceProvider services, ILogger<TextEmotionService> logger)
{
    private readonly LexiconTextEmotionAnalyzer _lexicon = new();
    private readonly Lazy<ITextEmotionAnalyzer> _engine = new(() => options.Value.IsOnnx
        ? services.GetRequiredService<OnnxTextEmotionAnalyzer>()
        : new LexiconTextEmotionAnalyzer());

    public TextEmotionResult Analyze(string description, string field, bool strict, List<Warning> warnings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            throw Errors.InvalidArgument(field, "the description is empty.");
        }

        if (description.Length > options.Value.MaxDescriptionLength)
        {
            throw Errors.InvalidArgument(field, $"the description has {description.Length} characters; at most {options.Value.MaxDescriptionLength} are accepted.");
        }

        if (description.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            throw Errors.InvalidArgument(field, "the description contains control characters.");
        }

        try
        {
            return _engine.Value.Analyze(description, cancellationToken);
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or InvalidOperationException or ArgumentException or IOException)
        {
            if (strict)
            {
                throw Errors.FailedPrecondition($"{field}: the text emotion model failed: {ex.Message}");
            }

            EncodersLog.TextModelFailed(logger, ex.Message);
            warnings.Add(new Warning { Code = WarningCodes.TextEmotionFallbackLexicon, Message = $"the text emotion model failed ({ex.Message}); the built-in lexicon was used.", Field = field });
            return _lexicon.Analyze(description, cancellationToken);
        }
    }
}
