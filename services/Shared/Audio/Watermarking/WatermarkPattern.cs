using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace VoiceFleet.Audio.Watermarking;

/// <summary>
/// The keyed spreading pattern: every time–frequency cell (frame t, FFT bin k) belongs to one coded bit and
/// carries a unit chip e^(iθ), both drawn from a hash of the key, t and k. Without the key the pattern is noise.
/// </summary>
internal sealed class WatermarkPattern
{
    private const double TwoPiOver2To32 = 2 * Math.PI / 4294967296.0;

    private readonly ulong _seed;

    public WatermarkPattern(string key, int bitCount)
    {
        _seed = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        BitCount = bitCount;
    }

    public int BitCount { get; }

    /// <summary>The coded bit cell (t, k) carries and its chip (cos θ, sin θ).</summary>
    public int Cell(int frame, int bin, out double cos, out double sin)
    {
        ulong h = Mix(_seed + Mix(((ulong)(uint)frame << 32) | (uint)bin));
        (sin, cos) = Math.SinCos((uint)h * TwoPiOver2To32);
        return (int)(((h >> 32) * (ulong)BitCount) >> 32);
    }

    // SplitMix64's finaliser: a bijective avalanche of 64 bits.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
