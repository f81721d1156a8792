using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace VoiceFleet.Encoders.ReferenceAudio;

/// <summary>
/// The content address of decoded audio: sha256 over the sample rate (4 bytes, little-endian) followed by
/// the mono samples as 32-bit float little-endian. The same sound in WAV, FLAC or headerless PCM16 gives
/// the same hash; the same samples at another rate do not.
/// </summary>
internal static class PcmHash
{
    public static string Compute(ReadOnlySpan<float> samples, int sampleRate)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> rate = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(rate, sampleRate);
        hash.AppendData(rate);
        if (BitConverter.IsLittleEndian)
        {
            hash.AppendData(MemoryMarshal.AsBytes(samples));
        }
        else
        {
            Span<byte> one = stackalloc byte[4];
            foreach (var sample in samples)
            {
                BinaryPrimitives.WriteSingleLittleEndian(one, sample);
                hash.AppendData(one);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
