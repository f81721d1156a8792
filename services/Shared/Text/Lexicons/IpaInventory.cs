using System.Globalization;
using System.Text;

namespace VoiceFleet.Text.Lexicons;

/// <summary>
/// The symbols an IPA string may hold when no model says otherwise: IPA letters (Latin letters, the IPA extensions
/// block, θ β χ), modifier letters (stress ˈ ˌ, length ː, ʰ ʲ ʷ …), combining diacritics, the tie ‿, spaces and clause
/// punctuation. Anything else (digits, Han, emoji, other scripts) is refused with its position.
/// </summary>
public static class IpaInventory
{
    private const string Extra = "æçðøħŋœθβχɫɐɑɒɚɝ‿|‖.,!?;:-'";

    /// <summary>Whether one code point may appear in an IPA string.</summary>
    public static bool IsAllowed(int codePoint) =>
        codePoint is (>= 'a' and <= 'z') or ' ' or (>= 0x0250 and <= 0x02AF) or (>= 0x02B0 and <= 0x02FF) or (>= 0x0300 and <= 0x036F)
            or (>= 0x1D00 and <= 0x1D7F) || (codePoint < 0x10000 && Extra.Contains((char)codePoint, StringComparison.Ordinal));

    /// <summary>The first symbol of <paramref name="ipa"/> that is not allowed, with its 0-based position; null when all are.</summary>
    public static (string Symbol, int Position)? FirstUnknown(string ipa)
    {
        ArgumentNullException.ThrowIfNull(ipa);
        var position = 0;
        foreach (var rune in ipa.EnumerateRunes())
        {
            if (!IsAllowed(rune.Value))
            {
                return (rune.ToString(), position);
            }

            position++;
        }

        return null;
    }

    /// <summary>Describes a symbol for a message: <c>'3' (U+0033)</c>.</summary>
    public static string Describe(string symbol) =>
        string.Create(CultureInfo.InvariantCulture, $"'{symbol}' (U+{Rune.GetRuneAt(symbol, 0).Value:X4})");
}
