using System.Text;
using System.Text.RegularExpressions;

namespace VoiceFleet.Models.Manifest;

/// <summary>
/// The syntax of model names and versions: 1 to 64 characters of <c>a-z</c>, <c>0-9</c>, <c>.</c>, <c>_</c> and
/// <c>-</c>, starting with a letter or digit (<c>forge-voice</c>, <c>v21</c>, <c>v-slow</c>, <c>1.2.0</c>). Such a name
/// is a safe single directory name: no separators, never <c>.</c> or <c>..</c>.
/// </summary>
public static partial class ModelNames
{
    /// <summary>The pattern names and versions match.</summary>
    public const string Pattern = "^[a-z0-9][a-z0-9._-]{0,63}$";

    /// <summary>Whether <paramref name="value"/> is a valid model name or version.</summary>
    public static bool IsValid(string? value) => value is not null && NameRegex().IsMatch(value);

    /// <summary>
    /// Turns any text into a valid name: lower case, other characters replaced by <c>-</c>, leading punctuation dropped,
    /// at most 64 characters; <paramref name="fallback"/> when nothing is left.
    /// </summary>
    public static string Sanitize(string? value, string fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        var builder = new StringBuilder();
        foreach (var c in (value ?? "").ToLowerInvariant())
        {
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-';
            if (builder.Length == 0 && !(ok && c is not ('.' or '_' or '-')))
            {
                continue;
            }

            builder.Append(ok ? c : '-');
            if (builder.Length == 64)
            {
                break;
            }
        }

        return builder.Length == 0 ? fallback : builder.ToString();
    }

    // \z rather than $: $ would also accept a trailing newline.
    [GeneratedRegex(@"\A[a-z0-9][a-z0-9._-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();
}
