using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoiceFleet.Hosting.Health;
using VoiceFleet.Hosting.ServiceDefaults;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Rpc.Server;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace VoiceFleet.Hosting.Tests;

/// <summary>Graceful shutdown and trace-carrying logs of a service built with the defaults, on real Kestrel.</summary>
public sealed class ServiceLifecycleTests
{
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> Wait =
        new(MethodType.Unary, "test.Slow", "Wait", HealthCheckRequest.Parser, HealthCheckResponse.Parser);

    [Fact]
    public async Task StopAsync_CallInFlight_HealthTurnsNotServingAndCallStillCompletesOk()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var app = ServiceHost.CreateBuilder("test", ["--Service:GrpcPort=0", "--Service:HttpPort=0", "--Logging:LogLevel:Default=Warning"]).Build();
        app.MapServiceDefaults();
        app.MapGrpcService(ServiceDefinition.CreateBuilder("test.Slow")
            .AddMethod(Wait, async (HealthCheckRequest _, ServerCallContext _) =>
            {
                entered.SetResult();
                await release.Task;
                return new HealthCheckResponse { Status = ServingStatus.Serving };
            })
            .Build());
        await app.StartAsync();
        using var channel = GrpcChannel.ForAddress(GrpcAddress(app));

        var call = channel.AsyncUnaryCall(Wait, new HealthCheckRequest());
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stop = app.StopAsync();
        var health = app.Services.GetRequiredService<HealthStatusManager>();
        await WaitUntilAsync(() => health.GetStatus(HealthStatusManager.OverallService) == ServingStatus.NotServing);

        Assert.False(stop.IsCompleted, "the host stopped while a call was still in flight");
        release.SetResult();
        var response = await call.ResponseAsync.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.WaitAsync(TimeSpan.FromSeconds(10));
        await app.DisposeAsync();

        Assert.Equal(ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Logs_WrittenDuringCall_CarryCallersTraceId()
    {
        const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var capture = new CapturingLoggerProvider();
        var builder = ServiceHost.CreateBuilder("test", ["--Service:GrpcPort=0", "--Service:HttpPort=0", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:VoiceFleet.Rpc=Debug"]);
        builder.Logging.AddProvider(capture);
        await using var app = builder.Build();
        app.MapServiceDefaults();
        await app.StartAsync();

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(GrpcAddress(app), "/no.Such/Method"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{TraceId}-00f067aa0ba902b7-01");
        using var response = await http.SendAsync(request);
        await app.StopAsync();

        var line = Assert.Single(capture.Entries, e => e.Message.Contains("No method is bound", StringComparison.Ordinal));
        Assert.Contains(TraceId, line.Scopes, StringComparison.Ordinal);
    }

    private static Uri GrpcAddress(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }

    private sealed record LogEntry(string Message, string Scopes);

    /// <summary>Records each message with the text of every scope it was written in.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<LogEntry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(CapturingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new List<string>();
                provider._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? string.Empty), scopes);
                provider.Entries.Enqueue(new LogEntry(formatter(state, exception), string.Join(" => ", scopes)));
            }
        }
    }
}
