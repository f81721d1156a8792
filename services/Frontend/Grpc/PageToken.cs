using System.Buffers.Text;
using System.Globalization;
using System.Text;
using VoiceFleet.Rpc;

namespace VoiceFleet.Frontend.Grpc;

/// <summary>Opaque page tokens of ListLexiconEntries: the offset of the next entry, base64url.</summary>
internal static class PageToken
{
    private const string Prefix = "lex1:";

    /// <summary>The token for <paramref name="offset"/>.</summary>
    public static string Encode(int offset) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The offset of a token; 0 for an empty one.</summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT for a token this service did not write.</exception>
    public static int Decode(string token)
    {
        if (token.Length == 0)
        {
            return 0;
        }

        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token));
            if (text.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
        }

        throw new RpcException(StatusCode.InvalidArgument, "page_token: not a token from a previous ListLexiconEntries response");
    }
}
