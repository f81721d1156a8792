using System.Numerics;

namespace VoiceFleet.Audio.Watermarking;

/// <summary>
/// The coded word: the 32 payload bits, most significant first, then a CRC-8 of the payload (polynomial 0x07,
/// initial value 0, no reflection), 40 bits in all. For a 32-bit message this CRC detects every error of one, two
/// or three bits, so valid words are at least 4 bits apart; the decoder uses that with the soft bit scores.
/// </summary>
internal static class WatermarkCode
{
    public const int PayloadBits = 32;

    public const int CrcBits = 8;

    public const int Length = PayloadBits + CrcBits;

    /// <summary>How many of the least reliable bits the decoder searches exhaustively (2^12 patterns).</summary>
    public const int SearchedBits = 12;

    // The syndrome (CRC of the payload part xor the CRC part) that a single error in bit i (0 = first sent) produces.
    private static readonly byte[] s_singleErrorSyndromes = BuildSingleErrorSyndromes();

    /// <summary>The CRC-8 (x⁸ + x² + x + 1, initial value and final xor 0, no reflection) of the payload's four bytes, big-endian.</summary>
    public static byte Crc(uint payload)
    {
        int crc = 0;
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            crc ^= (int)((payload >> shift) & 0xFF);
            for (int i = 0; i < 8; i++)
            {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }

        return (byte)crc;
    }

    /// <summary>The 40-bit word of <paramref name="payload"/>: payload &lt;&lt; 8 | CRC.</summary>
    public static ulong Word(uint payload) => ((ulong)payload << CrcBits) | Crc(payload);

    /// <summary>True when the 40-bit <paramref name="word"/> ends in the CRC of its payload.</summary>
    public static bool IsValid(ulong word) => Syndrome(word) == 0;

    /// <summary>The 40 coded bits as signs: +1 for a one, −1 for a zero, most significant first.</summary>
    public static void Encode(uint payload, Span<double> signs)
    {
        ulong word = Word(payload);
        for (int i = 0; i < Length; i++)
        {
            signs[i] = ((word >> (Length - 1 - i)) & 1) != 0 ? 1.0 : -1.0;
        }
    }

    /// <summary>
    /// Soft decoding of 40 bit z-scores (positive is a one; each N(±μ, 1) with a mark, N(0, 1) without). Among the valid
    /// words that differ from the hard decisions only in the <see cref="SearchedBits"/> least reliable bits, the most
    /// likely one: the fewest |z| flipped. <paramref name="probability"/> is its posterior probability under that model,
    /// with μ and the noise variance estimated from the scores: the enumerated words exactly, the rest of the code at
    /// the average density of valid words (1 in 256).
    /// </summary>
    /// <returns>False when no word within the search is valid.</returns>
    public static bool TryDecode(ReadOnlySpan<double> z, out uint payload, out double probability)
    {
        ulong hard = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < Length; i++)
        {
            hard = (hard << 1) | (z[i] > 0 ? 1UL : 0UL);
            sumOfSquares += z[i] * z[i];
        }

        double mu = Math.Sqrt(Math.Max(0, sumOfSquares / Length - 1));
        Span<int> order = stackalloc int[Length];
        Span<double> reliability = stackalloc double[Length];
        for (int i = 0; i < Length; i++)
        {
            order[i] = i;
            reliability[i] = Math.Abs(z[i]);
        }

        reliability.Sort(order);
        ReadOnlySpan<int> weak = order[..SearchedBits];

        // Gray-code walk over the flips of the weak bits: one bit changes per step, with the syndrome and the cost
        // (Σ |z| of the flipped bits) updated incrementally. A flip set is a valid word when its syndrome cancels the
        // hard word's. The first walk finds the cheapest valid word, the second sums the others' posterior odds.
        byte target = Syndrome(hard);
        int bestMask = -1;
        double best = double.PositiveInfinity;
        WalkValidWords(weak, reliability, target, (mask, cost) =>
        {
            if (cost < best)
            {
                best = cost;
                bestMask = mask;
            }
        });

        if (bestMask < 0)
        {
            payload = 0;
            probability = 0;
            return false;
        }

        ulong word = hard;
        for (int j = 0; j < SearchedBits; j++)
        {
            if ((bestMask & (1 << j)) != 0)
            {
                word ^= 1UL << (Length - 1 - weak[j]);
            }
        }

        payload = (uint)(word >> CrcBits);

        // The model: z = ±μ + noise of variance σ². μ from the scores' power (√(mean z² − 1)); σ² from the scores
        // aligned with the chosen word, at least 1 (the z-scores' variance without a mark). A mark that does not fit one
        // μ — two payloads superposed, say — shows as a large σ² and lowers the confidence instead of faking it.
        double spread = 0;
        for (int i = 0; i < Length; i++)
        {
            double aligned = ((word >> (Length - 1 - i)) & 1) != 0 ? z[i] : -z[i];
            spread += (aligned - mu) * (aligned - mu);
        }

        double scale = 2 * mu / Math.Max(1, spread / Length);
        double odds = 0;
        WalkValidWords(weak, reliability, target, (_, cost) => odds += Math.Exp(-scale * (cost - best)));

        // Words that also flip a bit outside the search: Σ over those flip sets of exp(−scale·Σ|z|) is
        // Π_weak(1 + e) · (Π_rest(1 + e) − 1) with e = exp(−scale·|z|); one set in 256 is a valid word.
        double inside = 1, outsideMinusOne = 0;
        for (int j = 0; j < Length; j++)
        {
            double e = Math.Exp(-scale * reliability[j]);
            if (j < SearchedBits)
            {
                inside *= 1 + e;
            }
            else
            {
                outsideMinusOne = outsideMinusOne * (1 + e) + e;
            }
        }

        double rest = inside * outsideMinusOne / 256 * Math.Exp(Math.Min(700, scale * best));
        probability = 1 / (odds + rest);
        return true;
    }

    // Calls visit(mask, cost) for every set of the weak bits whose flipping makes the word valid.
    private static void WalkValidWords(ReadOnlySpan<int> weak, ReadOnlySpan<double> reliability, byte target, Action<int, double> visit)
    {
        int mask = 0;
        double cost = 0;
        byte syndrome = 0;
        for (int step = 0; step < 1 << SearchedBits; step++)
        {
            if (step > 0)
            {
                int j = BitOperations.TrailingZeroCount(step);
                mask ^= 1 << j;
                syndrome ^= s_singleErrorSyndromes[weak[j]];
                cost += (mask & (1 << j)) != 0 ? reliability[j] : -reliability[j];
            }

            if (syndrome == target)
            {
                visit(mask, cost);
            }
        }
    }

    // CRC(payload part) xor CRC part: 0 exactly for valid words, and linear in the word (the CRC has no initial value or final xor).
    private static byte Syndrome(ulong word) => (byte)(Crc((uint)(word >> CrcBits)) ^ (byte)(word & 0xFF));

    private static byte[] BuildSingleErrorSyndromes()
    {
        var syndromes = new byte[Length];
        for (int i = 0; i < Length; i++)
        {
            syndromes[i] = Syndrome(1UL << (Length - 1 - i));
        }

        return syndromes;
    }
}
