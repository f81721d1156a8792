using System.Globalization;
using System.Text;
using VoiceFleet.Rpc;

namespace VoiceFleet.ReleaseController.Storage;

/// <summary>A position in a newest-first listing: the last row's time (Unix ms) and id, as an opaque page token.</summary>
internal sealed record PageCursor(long TimeMs, string Id)
{
    public string ToToken() => Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{TimeMs}|{Id}")))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Parses a token; empty = none; a malformed one → INVALID_ARGUMENT.</summary>
    public static PageCursor? Parse(string token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && bar < text.Length - 1)
            {
                return new PageCursor(ms, text[(bar + 1)..]);
            }
        }
        catch (FormatException)
        {
        }

        throw new RpcException(StatusCode.InvalidArgument, "page_token is not a token this service issued.");
    }

    /// <summary>Checks a page size: 0 = 20, at most 200.</summary>
    public static int PageSize(int requested) => requested switch
    {
        0 => 20,
        < 0 or > 200 => throw new RpcException(StatusCode.InvalidArgument, $"page_size {requested} is out of range (0..200)."),
        _ => requested,
    };
}
