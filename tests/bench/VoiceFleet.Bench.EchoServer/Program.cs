// The C# side of the transport benchmark: echo.Echo/Call served by our gRPC server over h2c only,
// on 127.0.0.1:<port>, with logging off so that the figures measure the transport.
//
// Usage: VoiceFleet.Bench.EchoServer --port N
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VoiceFleet.Bench.Echo;
using VoiceFleet.Bench.EchoServer;
using VoiceFleet.Rpc.Server;

if (!TryParsePort(args, out var port))
{
    await Console.Error.WriteLineAsync("usage: VoiceFleet.Bench.EchoServer --port N (1-65535)").ConfigureAwait(false);
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    // h2c with prior knowledge only, as the services' gRPC port (services/Shared/Hosting).
    kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
    kestrel.AddServerHeader = false;
    kestrel.Limits.Http2.MaxStreamsPerConnection = 256;
    kestrel.Limits.MinRequestBodyDataRate = null;
});
builder.Services.AddGrpcServer();

var app = builder.Build();
app.MapGrpcService(new EchoService().BindService());
await app.StartAsync().ConfigureAwait(false);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"listening on http://127.0.0.1:{port} (h2c)"));
await app.WaitForShutdownAsync().ConfigureAwait(false);
return 0;

static bool TryParsePort(string[] args, out int port)
{
    port = 0;
    return args.Length == 2
        && args[0] == "--port"
        && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out port)
        && port is > 0 and <= 65535;
}

namespace VoiceFleet.Bench.EchoServer
{
    /// <summary>Answers every call with its request message.</summary>
    internal sealed class EchoService : EchoServiceBase
    {
        public override Task<Msg> Call(Msg request, ServerCallContext context) => Task.FromResult(request);
    }
}
