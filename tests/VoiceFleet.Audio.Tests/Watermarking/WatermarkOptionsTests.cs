using VoiceFleet.Audio.Watermarking;

namespace VoiceFleet.Audio.Tests.Watermarking;

public sealed class WatermarkOptionsTests
{
    public static TheoryData<WatermarkOptions, string> Invalid => new()
    {
        { new WatermarkOptions { Key = "" }, "Key" },
        { new WatermarkOptions { Key = null! }, "Key" },
        { new WatermarkOptions { TargetWsrDb = -30 }, "TargetWsrDb" },
        { new WatermarkOptions { TargetWsrDb = -34.9 }, "TargetWsrDb" },
        { new WatermarkOptions { TargetWsrDb = double.NaN }, "TargetWsrDb" },
        { new WatermarkOptions { TargetWsrDb = -80 }, "TargetWsrDb" },
        { new WatermarkOptions { BandLowHz = 50 }, "BandLowHz" },
        { new WatermarkOptions { BandHighHz = 8000 }, "BandHighHz" },
        { new WatermarkOptions { BandLowHz = 3000, BandHighHz = 3500 }, "BandLowHz" },
        { new WatermarkOptions { BandHighHz = double.NaN }, "BandHighHz" },
        { new WatermarkOptions { DetectionThreshold = 2 }, "DetectionThreshold" },
        { new WatermarkOptions { DetectionThreshold = double.PositiveInfinity }, "DetectionThreshold" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Constructor_OptionOutOfRange_ThrowsNamingIt(WatermarkOptions options, string field)
    {
        var error = Assert.Throws<ArgumentException>(nameof(options), () => new Watermarker(options));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreBelowTheWsrLimitAndUsable()
    {
        var watermarker = new Watermarker();

        Assert.Same(WatermarkOptions.Default, watermarker.Options);
        Assert.Equal(-38, watermarker.Options.TargetWsrDb);
        Assert.True(watermarker.Options.TargetWsrDb < WatermarkOptions.MaxWsrDb);
        Assert.Equal(WatermarkOptions.DefaultKey, watermarker.Options.Key);
    }
}
