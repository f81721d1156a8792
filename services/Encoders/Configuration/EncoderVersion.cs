using System.Diagnostics.CodeAnalysis;
using VoiceFleet.Models.Manifest;

namespace VoiceFleet.Encoders.Configuration;

/// <summary>An encoder bundle reference, <c>&lt;model&gt;/&lt;version&gt;</c> as it appears in requests and embeddings.</summary>
public readonly record struct EncoderVersion(string Model, string Version)
{
    /// <summary>Parses <c>model/version</c>; both parts must be valid model names.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out EncoderVersion version)
    {
        version = default;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash <= 0 || slash != text.LastIndexOf('/'))
        {
            return false;
        }

        var model = text[..slash];
        var number = text[(slash + 1)..];
        if (!ModelNames.IsValid(model) || !ModelNames.IsValid(number))
        {
            return false;
        }

        version = new EncoderVersion(model, number);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Model}/{Version}";
}
