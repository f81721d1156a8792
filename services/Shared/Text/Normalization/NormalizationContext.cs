namespace VoiceFleet.Text.Normalization;

/// <summary>What normalization reports back: fallbacks taken, as warnings (or errors in strict mode).</summary>
internal sealed class NormalizationContext(bool strict, string field)
{
    private readonly List<TextWarning> warnings = [];

    /// <summary>The fallbacks taken so far.</summary>
    public IReadOnlyList<TextWarning> Warnings => warnings;

    /// <summary>The request field the input came from.</summary>
    public string Field { get; } = field;

    /// <summary>Records a fallback; strict requests fail instead.</summary>
    /// <exception cref="TextInputException">The request is strict.</exception>
    public void Fallback(string code, string message)
    {
        if (strict)
        {
            throw new TextInputException(Field, message + " (strict request: no fallback)");
        }

        if (warnings.Count < 50 && !warnings.Any(w => w.Code == code && w.Message == message))
        {
            warnings.Add(new TextWarning(code, message, Field));
        }
    }
}
