using System.Buffers.Text;
using Microsoft.Extensions.Primitives;

namespace VoiceFleet.Rpc.Protocol;

/// <summary>Converts between call metadata and HTTP/2 header values (binary values as base64).</summary>
internal static class MetadataEncoding
{
    /// <summary>The header value for an entry: text as is, binary as unpadded base64.</summary>
    public static string ToHeaderValue(Metadata.Entry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;

    /// <summary>Adds the entries of one received header to <paramref name="metadata"/>; binary headers may carry several comma-separated values.</summary>
    public static void AddHeader(Metadata metadata, string name, StringValues values)
    {
        var key = name.ToLowerInvariant();
        var binary = Metadata.IsBinaryKey(key);
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            if (binary)
            {
                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
                {
                    metadata.Add(new Metadata.Entry(key, DecodeBase64(part)));
                }
            }
            else
            {
                metadata.Add(new Metadata.Entry(key, value));
            }
        }
    }

    /// <summary>Decodes base64 with or without padding; throws <see cref="FormatException"/> on bad input.</summary>
    public static byte[] DecodeBase64(string value)
    {
        var padded = (value.Length % 4) switch
        {
            0 => value,
            2 => value + "==",
            3 => value + "=",
            _ => throw new FormatException("Invalid base64 length in binary metadata."),
        };

        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(padded.Length)];
        if (!Convert.TryFromBase64String(padded, bytes, out var written))
        {
            throw new FormatException("Invalid base64 in binary metadata.");
        }

        return bytes.AsSpan(0, written).ToArray();
    }
}
