using VoiceFleet.Audio.Watermarking;

namespace VoiceFleet.Audio.Tests.Watermarking;

public sealed class NormalTailTests
{
    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 0.15865525393145707)]
    [InlineData(1.959963984540054, 0.025)]
    [InlineData(3, 1.3498980316300946e-3)]
    [InlineData(5, 2.866515718791939e-7)]
    [InlineData(10, 7.619853024160527e-24)]
    [InlineData(-2, 0.9772498680518208)]
    public void Upper_KnownValues(double z, double expected)
    {
        Assert.Equal(expected, NormalTail.Upper(z), expected * 1e-9);
        Assert.Equal(1 - expected, NormalTail.Cdf(z), 1e-12);
    }

    [Fact]
    public void Upper_FarTail_IsZeroNotNaN()
    {
        Assert.Equal(0, NormalTail.Upper(50));
        Assert.Equal(1, NormalTail.Upper(-50));
    }
}
