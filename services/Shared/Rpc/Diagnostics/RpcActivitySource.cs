using System.Diagnostics;

namespace VoiceFleet.Rpc.Diagnostics;

/// <summary>
/// Spans for gRPC calls on the <c>VoiceFleet.Rpc</c> activity source. The W3C trace context
/// (<c>traceparent</c>) comes in through ASP.NET Core's request activity on the server and goes out
/// from <see cref="Activity.Current"/> on the client, so one request can be followed across the fleet.
/// </summary>
public static class RpcActivitySource
{
    /// <summary>The activity source name to listen to.</summary>
    public const string Name = "VoiceFleet.Rpc";

    private static readonly ActivitySource Source = new(Name);

    internal static Activity? StartServer(IMethod method)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(method.FullName.TrimStart('/'), ActivityKind.Server);
        activity?.SetTag("rpc.system", "grpc").SetTag("rpc.service", method.ServiceName).SetTag("rpc.method", method.Name);
        return activity;
    }

    internal static Activity? StartClient(IMethod method)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(method.FullName.TrimStart('/'), ActivityKind.Client);
        activity?.SetTag("rpc.system", "grpc").SetTag("rpc.service", method.ServiceName).SetTag("rpc.method", method.Name);
        return activity;
    }

    internal static void Stop(Activity activity, Status status)
    {
        activity.SetTag("rpc.grpc.status_code", (int)status.StatusCode);
        if (status.StatusCode != StatusCode.OK)
        {
            activity.SetStatus(ActivityStatusCode.Error, status.Detail);
        }

        activity.Stop();
    }
}
