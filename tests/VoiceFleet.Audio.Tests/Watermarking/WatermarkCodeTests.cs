using VoiceFleet.Audio.Watermarking;

namespace VoiceFleet.Audio.Tests.Watermarking;

public sealed class WatermarkCodeTests
{
    private const uint Payload = 0xDEADBEEF;

    [Fact]
    public void Crc_MatchesCrc8Smbus()
    {
        // CRC-8/SMBUS: its check value over "123456789" is 0xF4; over the four bytes "1234" (0x31323334) it is 0xC2.
        Assert.Equal(0x00, WatermarkCode.Crc(0));
        Assert.Equal(0xC2, WatermarkCode.Crc(0x31323334));
    }

    [Fact]
    public void IsValid_AnyOneTwoOrThreeBitErrors_AreCaught()
    {
        ulong word = WatermarkCode.Word(Payload);
        for (int a = 0; a < WatermarkCode.Length; a++)
        {
            Assert.False(WatermarkCode.IsValid(word ^ (1UL << a)));
            for (int b = a + 1; b < WatermarkCode.Length; b++)
            {
                Assert.False(WatermarkCode.IsValid(word ^ (1UL << a) ^ (1UL << b)));
                for (int c = b + 1; c < WatermarkCode.Length; c++)
                {
                    Assert.False(WatermarkCode.IsValid(word ^ (1UL << a) ^ (1UL << b) ^ (1UL << c)), $"bits {a}, {b}, {c}");
                }
            }
        }
    }

    [Fact]
    public void TryDecode_CleanSoftBits_GiveThePayloadWithCertainty()
    {
        double[] soft = Soft(Payload, strength: 5);

        Assert.True(WatermarkCode.TryDecode(soft, out uint payload, out double probability));
        Assert.Equal(Payload, payload);
        Assert.True(probability > 0.999999, $"probability {probability}");
    }

    [Fact]
    public void TryDecode_WeakBitsWrong_AreCorrected()
    {
        double[] soft = Soft(Payload, strength: 5);
        soft[3] = -0.1 * soft[3];
        soft[17] = -0.15 * soft[17];
        soft[30] = -0.2 * soft[30];

        Assert.True(WatermarkCode.TryDecode(soft, out uint payload, out double probability));
        Assert.Equal(Payload, payload);
        Assert.True(probability > 0.99, $"probability {probability}");
    }

    [Fact]
    public void TryDecode_AConfidentBitWrong_IsNotTrusted()
    {
        double[] soft = Soft(Payload, strength: 5);
        soft[10] = -soft[10];

        bool decoded = WatermarkCode.TryDecode(soft, out uint payload, out double probability);

        Assert.True(!decoded || probability < 1e-3, $"payload {payload:X8} with probability {probability}");
    }

    [Fact]
    public void TryDecode_NoiseOnly_GivesAVanishingProbability()
    {
        var random = new Random(3);
        for (int trial = 0; trial < 200; trial++)
        {
            double[] soft = Enumerable.Range(0, WatermarkCode.Length).Select(_ => 2 * random.NextDouble() - 1).ToArray();

            WatermarkCode.TryDecode(soft, out _, out double probability);

            Assert.True(probability < 1e-6, $"trial {trial}: probability {probability}");
        }
    }

    [Fact]
    public void TryDecode_ProbabilityIsCalibrated()
    {
        // Bits at N(±1.6, 1), a marginal mark: of the words decoded with probability p, about a fraction p are right.
        var random = new Random(4);
        double expected = 0, right = 0;
        int decoded = 0;
        var signs = new double[WatermarkCode.Length];
        var soft = new double[WatermarkCode.Length];
        for (int trial = 0; trial < 4000; trial++)
        {
            uint payload = (uint)random.NextInt64();
            WatermarkCode.Encode(payload, signs);
            for (int i = 0; i < soft.Length; i++)
            {
                soft[i] = 1.6 * signs[i] + Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            }

            if (WatermarkCode.TryDecode(soft, out uint found, out double probability))
            {
                decoded++;
                expected += probability;
                right += found == payload ? 1 : 0;
            }
        }

        Assert.InRange(right / decoded, expected / decoded - 0.05, expected / decoded + 0.05);
    }

    private static double[] Soft(uint payload, double strength)
    {
        var soft = new double[WatermarkCode.Length];
        WatermarkCode.Encode(payload, soft);
        for (int i = 0; i < soft.Length; i++)
        {
            soft[i] *= strength + i % 3;
        }

        return soft;
    }
}
