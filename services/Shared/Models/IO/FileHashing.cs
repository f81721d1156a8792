using System.Buffers;
using System.Security.Cryptography;

namespace VoiceFleet.Models.IO;

/// <summary>SHA-256 of files, streamed in 1 MiB blocks so large models are never held in memory.</summary>
internal static class FileHashing
{
    private const int BlockSize = 1 << 20;

    /// <summary>The lowercase hex SHA-256 of the rest of <paramref name="stream"/>.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled (checked between blocks).</exception>
    public static string Hash(Stream stream, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, BlockSize)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                hash.AppendData(buffer, 0, read);
            }

            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The lowercase hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
