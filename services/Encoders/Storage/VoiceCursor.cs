using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace VoiceFleet.Encoders.Storage;

/// <summary>
/// Where a page of voices ends: the last voice's creation time and id (voices are ordered newest first,
/// then by id). Travels as an opaque, URL-safe page token.
/// </summary>
internal sealed record VoiceCursor(long CreatedAtMs, string VoiceId)
{
    public string ToToken() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"v1|{CreatedAtMs}|{VoiceId}")));

    public static bool TryParse(string token, out VoiceCursor? cursor)
    {
        cursor = null;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('|');
            if (parts.Length == 3 && parts[0] == "v1" && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var at) && parts[2].Length is > 0 and <= 64)
            {
                cursor = new VoiceCursor(at, parts[2]);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
