using System.Text.RegularExpressions;

namespace VoiceFleet.Encoders.Voices;

/// <summary>
/// Who is calling, for the audit log and consent records: the <c>x-voicefleet-caller</c> header that the
/// gateway sets from the authenticated API key (and strips from clients), else <c>anonymous</c>.
/// </summary>
internal static partial class CallerIdentity
{
    /// <summary>The header the gateway sets.</summary>
    public const string Header = "x-voicefleet-caller";

    public const string Anonymous = "anonymous";

    /// <summary>A safe caller name from a header value (printable, at most 128 characters), or <see cref="Anonymous"/>.</summary>
    public static string From(string? header) =>
        header is { Length: > 0 and <= 128 } && Safe().IsMatch(header) ? header : Anonymous;

    [GeneratedRegex("^[A-Za-z0-9._:@/+=-]+$")]
    private static partial Regex Safe();
}
