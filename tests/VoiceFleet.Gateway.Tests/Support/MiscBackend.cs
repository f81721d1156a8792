using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Hosting.ServiceDefaults;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Server;
using VoiceFleet.Testing;

namespace VoiceFleet.Gateway.Tests.Support;

/// <summary>The frontend and the encoders for tests, in one real server: a few methods and REST endpoints that echo the caller.</summary>
internal sealed class MiscBackend : IAsyncDisposable
{
    private readonly RunningService _service;

    private MiscBackend(RunningService service) => _service = service;

    public Uri GrpcAddress => _service.GrpcAddress;

    public static async Task<MiscBackend> StartAsync() => new(await RunningService.StartAsync(Build));

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    private static WebApplication Build(string[] args)
    {
        var builder = ServiceHost.CreateBuilder("misc", args);
        builder.Services.AddSingleton<TestFrontend>();
        builder.Services.AddSingleton<TestEncoders>();
        var app = builder.Build();
        app.MapServiceDefaults();
        app.MapGrpcService<TestFrontend>();
        app.MapGrpcService<TestEncoders>();
        app.MapPost("/v1/text/analyze", (HttpContext c) => Results.Json(new { service = "frontend", caller = c.Request.Headers["x-voicefleet-caller"].ToString() }));
        app.MapGet("/v1/voices", (HttpContext c) => Results.Json(new { service = "encoders", caller = c.Request.Headers["x-voicefleet-caller"].ToString() }));
        app.MapPost("/v1/emotions/analyze", (HttpContext c) => Results.Json(new { service = "encoders", caller = c.Request.Headers["x-voicefleet-caller"].ToString() }));
        return app;
    }
}

internal sealed class TestFrontend : TextFrontendServiceBase
{
    public override Task<AnalyzeResponse> Analyze(AnalyzeRequest request, ServerCallContext context)
    {
        context.ResponseTrailers.Add("echo-x-voicefleet-caller", context.RequestHeaders.GetValue("x-voicefleet-caller") ?? "(none)");
        return Task.FromResult(new AnalyzeResponse { Language = "frontend-echo" });
    }
}

internal sealed class TestEncoders : EncodersServiceBase
{
    public override Task<ListVoicesResponse> ListVoices(ListVoicesRequest request, ServerCallContext context)
    {
        context.ResponseTrailers.Add("echo-x-voicefleet-caller", context.RequestHeaders.GetValue("x-voicefleet-caller") ?? "(none)");
        return Task.FromResult(new ListVoicesResponse { NextPageToken = "encoders-echo" });
    }
}
