using VoiceFleet.Cli.Demo;
using Xunit;

namespace VoiceFleet.Cli.Tests;

public sealed class DemoWindowsTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(3);

    [Fact]
    public void Fit_IdleMachineRate_KeepsTheShortestWindow()
    {
        // 30 requests/s at 20 %: 18 canary requests in 3 s, more than 1.5 × 10.
        Assert.Equal(Quick, DemoWindows.Fit(30, Quick, 2000, 10));
    }

    [Fact]
    public void Fit_BusyMachineRate_LengthensTheWindowToTheCanaryRequestsNeeded()
    {
        // 12 requests/s at 20 % is 2.4 canary requests a second: 15 of them take 6.25 s, rounded up to 6.5 s.
        Assert.Equal(TimeSpan.FromSeconds(6.5), DemoWindows.Fit(12, Quick, 2000, 10));
    }

    [Fact]
    public void Fit_TrafficTooSlowOrNone_CappedAtTheLongest()
    {
        Assert.Equal(DemoWindows.Longest, DemoWindows.Fit(1, Quick, 2000, 10));
        Assert.Equal(DemoWindows.Longest, DemoWindows.Fit(0, Quick, 2000, 10));
    }

    [Fact]
    public void Fit_ShortestAboveTheLongest_ShortestKept()
    {
        var shortest = TimeSpan.FromSeconds(30);

        Assert.Equal(shortest, DemoWindows.Fit(1, shortest, 2000, 10));
    }
}
