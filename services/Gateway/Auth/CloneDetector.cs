using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace VoiceFleet.Gateway.Auth;

/// <summary>Whether a synthesis request carries inline reference audio (zero-shot cloning).</summary>
internal enum CloneCheck
{
    NoReference,
    Reference,

    /// <summary>The body could not be read as the method's request; treated as a clone request (fail closed).</summary>
    Unreadable,
}

/// <summary>
/// Finds inline reference audio in a buffered synthesis request without deserialising it.
/// gRPC: walks the protobuf wire format of the one <c>SynthesizeRequest</c> message for field 5
/// (<c>voice</c>) holding field 3 (<c>reference</c>), inflating a gzip-compressed message first.
/// REST JSON: any property named <c>reference</c>, <c>reference_audio</c>, <c>referenceAudio</c> or
/// <c>ref_audio</c>, at any depth. REST multipart: any file part, or a part named <c>ref…</c>/<c>reference…</c>.
/// </summary>
internal static class CloneDetector
{
    private const int VoiceField = 5;
    private const int ReferenceField = 3;

    private static readonly string[] JsonNames = ["reference", "reference_audio", "referenceAudio", "ref_audio"];

    public static CloneCheck CheckGrpc(ReadOnlyMemory<byte> body, string? encoding, int maxMessageBytes)
    {
        var span = body.Span;
        if (span.Length == 0)
        {
            return CloneCheck.NoReference;
        }

        if (span.Length < 5)
        {
            return CloneCheck.Unreadable;
        }

        var compressed = span[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(span[1..5]);
        if (compressed > 1 || length != span.Length - 5)
        {
            return CloneCheck.Unreadable; // a synthesis request is exactly one message
        }

        var message = body[5..];
        if (compressed == 1)
        {
            if (!string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase))
            {
                return CloneCheck.Unreadable;
            }

            if (!TryGunzip(message, maxMessageBytes, out var inflated))
            {
                return CloneCheck.Unreadable;
            }

            message = inflated;
        }

        return ScanMessage(message.Span);
    }

    /// <summary>Walks a <c>SynthesizeRequest</c>'s fields; exposed for tests.</summary>
    public static CloneCheck ScanMessage(ReadOnlySpan<byte> message)
    {
        var found = false;
        while (!message.IsEmpty)
        {
            if (!TryReadField(ref message, out var field, out var delimited, out var inner))
            {
                return CloneCheck.Unreadable;
            }

            if (field == VoiceField && delimited)
            {
                while (!inner.IsEmpty)
                {
                    if (!TryReadField(ref inner, out var innerField, out var innerDelimited, out _))
                    {
                        return CloneCheck.Unreadable;
                    }

                    found |= innerField == ReferenceField && innerDelimited;
                }
            }
        }

        return found ? CloneCheck.Reference : CloneCheck.NoReference;
    }

    public static CloneCheck CheckJson(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    foreach (var name in JsonNames)
                    {
                        if (reader.ValueTextEquals(name))
                        {
                            return CloneCheck.Reference;
                        }
                    }
                }
            }

            return CloneCheck.NoReference;
        }
        catch (JsonException)
        {
            return CloneCheck.Unreadable;
        }
    }

    public static async Task<CloneCheck> CheckMultipartAsync(ReadOnlyMemory<byte> body, string boundary, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = new MemoryStream(body.ToArray(), writable: false);
            var reader = new MultipartReader(boundary, stream);
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    var name = disposition.Name.Value?.Trim('"') ?? "";
                    if (disposition.FileName.HasValue || disposition.FileNameStar.HasValue
                        || name.StartsWith("ref", StringComparison.OrdinalIgnoreCase))
                    {
                        return CloneCheck.Reference;
                    }
                }
            }

            return CloneCheck.NoReference;
        }
        catch (IOException)
        {
            return CloneCheck.Unreadable;
        }
        catch (InvalidDataException)
        {
            return CloneCheck.Unreadable;
        }
    }

    /// <summary>Reads one field; <paramref name="payload"/> is its bytes when it is length-delimited.</summary>
    private static bool TryReadField(ref ReadOnlySpan<byte> data, out int field, out bool delimited, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        delimited = false;
        field = 0;
        if (!TryReadVarint(ref data, out var tag) || tag >> 3 is 0 or > int.MaxValue)
        {
            return false;
        }

        field = (int)(tag >> 3);
        switch ((int)(tag & 7))
        {
            case 0:
                return TryReadVarint(ref data, out _);
            case 1:
                return Skip(ref data, 8);
            case 5:
                return Skip(ref data, 4);
            case 2:
                if (!TryReadVarint(ref data, out var length) || length > (ulong)data.Length)
                {
                    return false;
                }

                payload = data[..(int)length];
                data = data[(int)length..];
                delimited = true;
                return true;
            default:
                return false; // groups are not used by our protos
        }
    }

    private static bool Skip(ref ReadOnlySpan<byte> data, int count)
    {
        if (data.Length < count)
        {
            return false;
        }

        data = data[count..];
        return true;
    }

    private static bool TryReadVarint(ref ReadOnlySpan<byte> data, out ulong value)
    {
        value = 0;
        for (var i = 0; i < 10 && i < data.Length; i++)
        {
            value |= (ulong)(data[i] & 0x7F) << (7 * i);
            if ((data[i] & 0x80) == 0)
            {
                data = data[(i + 1)..];
                return true;
            }
        }

        return false;
    }

    private static bool TryGunzip(ReadOnlyMemory<byte> compressed, int maxBytes, out ReadOnlyMemory<byte> inflated)
    {
        inflated = default;
        try
        {
            using var input = new MemoryStream(compressed.ToArray(), writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > maxBytes)
                {
                    return false;
                }
            }

            inflated = output.ToArray();
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
