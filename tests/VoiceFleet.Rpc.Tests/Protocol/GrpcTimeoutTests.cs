using VoiceFleet.Rpc.Protocol;
using Xunit;

namespace VoiceFleet.Rpc.Tests.Protocol;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("30S", 300_000_000L)]
    [InlineData("100m", 1_000_000L)]
    [InlineData("250u", 2_500L)]
    [InlineData("1n", 1L)]
    [InlineData("99999999n", 1_000_000L)]
    public void TryParse_EveryUnit_ReturnsTicks(string header, long expectedTicks)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(expectedTicks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("123456789S")]
    [InlineData("-5S")]
    [InlineData("1.5S")]
    public void TryParse_Malformed_ReturnsFalse(string header)
    {
        Assert.False(GrpcTimeout.TryParse(header, out _));
    }

    [Theory]
    [InlineData(0.000001, "1000n")]
    [InlineData(0.5, "500000u")]
    [InlineData(30, "30000000u")]
    [InlineData(200, "200000m")]
    [InlineData(200_000, "200000S")]
    public void Format_Timeout_FinestUnitWithinEightDigits(double seconds, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Format_ThenParse_NeverShorterThanOriginal()
    {
        foreach (var ticks in new long[] { 1, 7, 12_345, 99_999_999, 123_456_789_012, TimeSpan.FromDays(3000).Ticks })
        {
            var original = TimeSpan.FromTicks(ticks);
            Assert.True(GrpcTimeout.TryParse(GrpcTimeout.Format(original), out var parsed));
            Assert.True(parsed >= original || parsed.Ticks == 99_999_999L * TimeSpan.TicksPerHour, $"{original} became {parsed}");
        }
    }

    [Fact]
    public void Format_ZeroOrNegative_SmallestPositiveTimeout()
    {
        Assert.Equal("1n", GrpcTimeout.Format(TimeSpan.Zero));
        Assert.Equal("1n", GrpcTimeout.Format(TimeSpan.FromSeconds(-3)));
    }
}
