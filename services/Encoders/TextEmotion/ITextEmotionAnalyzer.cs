namespace VoiceFleet.Encoders.TextEmotion;

/// <summary>Turns a natural-language description of how to speak (Mandarin or English) into an emotion distribution and strength.</summary>
internal interface ITextEmotionAnalyzer
{
    /// <summary>A short name: <c>lexicon</c> or <c>onnx</c>.</summary>
    string Engine { get; }

    TextEmotionResult Analyze(string description, CancellationToken cancellationToken);
}
