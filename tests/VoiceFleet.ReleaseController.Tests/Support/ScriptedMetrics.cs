using VoiceFleet.ReleaseController.CanaryAnalysis;

namespace VoiceFleet.ReleaseController.Tests.Support;

/// <summary>A metrics source whose windows the test decides: healthy by default, or whatever <see cref="Next"/> returns.</summary>
internal sealed class ScriptedMetrics : IMetricsSource
{
    private int _collected;

    public string Name => "scripted";

    /// <summary>The next window's metrics; healthy traffic on both tracks unless replaced.</summary>
    public Func<WindowMetrics> Next { get; set; } = () => Healthy();

    public int Collected => Volatile.Read(ref _collected);

    public int Begun { get; private set; }

    public Task BeginWindowAsync(CancellationToken cancellationToken)
    {
        Begun++;
        return Task.CompletedTask;
    }

    public Task<WindowMetrics> CollectAsync(TimeSpan window, DateTimeOffset end, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _collected);
        return Task.FromResult(Next());
    }

    public static WindowMetrics Healthy(double canaryRequests = 200, double canaryErrors = 0, double canaryRtf = 0.1) =>
        new(Track(canaryRequests, canaryErrors, canaryRtf), Track(2000, 2, 0.1), "scripted", []);

    public static WindowMetrics Quiet() => new(Track(3, 0, 0.1), Track(2000, 0, 0.1), "scripted", []);

    public static TrackWindow Track(double requests, double errors, double rtf)
    {
        var window = new TrackWindow { Requests = requests, Errors = errors, AudioSeconds = requests * 2 };
        var ok = requests - errors;
        window.Rtf.AddCumulative(rtf / 2, 0);
        window.Rtf.AddCumulative(rtf, ok * 0.6);
        window.Rtf.AddCumulative(rtf * 2, ok);
        window.Rtf.AddCumulative(double.PositiveInfinity, ok);
        window.ClippingSum = ok * 0.001;
        window.ClippingCount = ok;
        window.SilenceSum = ok * 0.2;
        window.SilenceCount = ok;
        window.LoudnessSum = ok * -20;
        window.LoudnessCount = ok;
        return window;
    }
}
