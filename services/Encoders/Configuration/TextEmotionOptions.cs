using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.Encoders.Configuration;

/// <summary>How descriptions become emotions; configuration section <c>Encoders:TextEmotion</c>.</summary>
public sealed class TextEmotionOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Encoders:TextEmotion";

    /// <summary><c>lexicon</c> (the built-in Mandarin/English rules, the default) or <c>onnx</c> (a learned text encoder).</summary>
    [Required]
    [RegularExpression("^(?i)(lexicon|onnx)$", ErrorMessage = "Engine must be 'lexicon' or 'onnx'.")]
    public string Engine { get; set; } = "lexicon";

    /// <summary>The ONNX text encoder (<c>input_ids</c> [1, tokens] → <c>logits</c> [1, labels]), with <c>Engine=onnx</c>.</summary>
    public string ModelPath { get; set; } = string.Empty;

    /// <summary>Its vocabulary: one token per line, the line number is the id (WordPiece style, <c>##</c> continuations).</summary>
    public string VocabularyPath { get; set; } = string.Empty;

    /// <summary>The labels of its logits, in order.</summary>
    public IList<string> Labels { get; } = [];

    /// <summary>Most tokens given to the model; longer descriptions are cut.</summary>
    [Range(8, 4096)]
    public int MaxTokens { get; set; } = 128;

    /// <summary>Longest description accepted, characters.</summary>
    [Range(1, 100_000)]
    public int MaxDescriptionLength { get; set; } = 500;

    /// <summary>True when the ONNX engine is selected.</summary>
    public bool IsOnnx => string.Equals(Engine, "onnx", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsOnnx)
        {
            yield break;
        }

        if (!File.Exists(ModelPath))
        {
            yield return new ValidationResult($"ModelPath '{ModelPath}' is not a file (required with Engine 'onnx').", [nameof(ModelPath)]);
        }

        if (!File.Exists(VocabularyPath))
        {
            yield return new ValidationResult($"VocabularyPath '{VocabularyPath}' is not a file (required with Engine 'onnx').", [nameof(VocabularyPath)]);
        }
    }
}
