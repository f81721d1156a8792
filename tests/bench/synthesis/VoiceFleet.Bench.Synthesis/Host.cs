using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace VoiceFleet.Bench.Synthesis;

/// <summary>A service started in this process on loopback ports picked by the OS.</summary>
internal sealed class Host(WebApplication app) : IAsyncDisposable
{
    public Uri Grpc { get; } = new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public Uri Http { get; } = new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Skip(1).First());

    /// <summary>Model runs and the sentences in them so far (from the service's own metrics).</summary>
    public async Task<(double Runs, double Sentences)> BatchTotalsAsync()
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(Http, "/metrics"));
        double Sample(string name) => text.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        return (Sample("voicefleet_synthesis_batch_size_count"), Sample("voicefleet_synthesis_batch_size_sum"));
    }

    public static async Task<Host> StartAsync(Func<string[], WebApplication> build, params string[] settings)
    {
        var app = build(
        [
            "--Service:GrpcPort=0", "--Service:HttpPort=0", "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning", "--Logging:LogLevel:VoiceFleet.Onnx=Error", .. settings,
        ]);
        await app.StartAsync();
        return new Host(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
