using Microsoft.Extensions.Logging;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Diagnostics;
using VoiceFleet.ReleaseController.Engine;
using VoiceFleet.ReleaseController.Model;
using VoiceFleet.ReleaseController.Routing;
using VoiceFleet.ReleaseController.Storage;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Server;

namespace VoiceFleet.ReleaseController.Grpc;

/// <summary>The gRPC surface of the release controller (release.proto); every method is served.</summary>
internal sealed class ReleaseControlService(
    ReleaseEngine engine,
    IReleaseStore store,
    RoutingHub routing,
    ReleaseEventHub events,
    ILogger<ReleaseControlService> logger) : ReleaseControlServiceBase
{
    /// <summary>The header the gateway sets to the authenticated caller's identity; it wins over the request's <c>actor</c>.</summary>
    public const string CallerHeader = "x-voicefleet-caller";

    public override async Task<StartReleaseResponse> StartRelease(StartReleaseRequest request, ServerCallContext context) =>
        new() { Release = await engine.StartReleaseAsync(request, Actor(context, request.Actor), context.CancellationToken).ConfigureAwait(false) };

    public override async Task<GetStatusResponse> GetStatus(GetStatusRequest request, ServerCallContext context)
    {
        var release = await engine.GetAsync(request.ReleaseId, context.CancellationToken).ConfigureAwait(false);
        return new GetStatusResponse { Release = release, Routing = routing.Current };
    }

    public override async Task WatchRelease(WatchReleaseRequest request, IServerStreamWriter<WatchReleaseResponse> responseStream, ServerCallContext context)
    {
        await engine.Ready.WaitAsync(context.CancellationToken).ConfigureAwait(false);
        var releaseId = request.ReleaseId;
        if (releaseId.Length == 0)
        {
            releaseId = engine.Active?.ReleaseId ?? throw new RpcException(StatusCode.FailedPrecondition, "no release is active; name one with release_id.");
        }

        // Subscribe before reading the snapshot, so no change falls between the two.
        using var subscription = events.Subscribe(releaseId);
        var snapshot = await engine.GetAsync(releaseId, context.CancellationToken).ConfigureAwait(false);
        await responseStream.WriteAsync(new WatchReleaseResponse { Release = snapshot }, context.CancellationToken).ConfigureAwait(false);
        if (snapshot is null || Names.IsTerminal(snapshot.Phase))
        {
            return;
        }

        await foreach (var change in subscription.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            if (change.Release.Transitions.Count + change.Release.Analyses.Count <= snapshot.Transitions.Count + snapshot.Analyses.Count)
            {
                continue;
            }

            await responseStream.WriteAsync(change, context.CancellationToken).ConfigureAwait(false);
            if (Names.IsTerminal(change.Release.Phase))
            {
                return;
            }
        }
    }

    public override async Task<PauseResponse> Pause(PauseRequest request, ServerCallContext context) =>
        new() { Release = await engine.PauseAsync(request.ReleaseId, Actor(context, request.Actor), request.Reason, context.CancellationToken).ConfigureAwait(false) };

    public override async Task<ResumeResponse> Resume(ResumeRequest request, ServerCallContext context) =>
        new() { Release = await engine.ResumeAsync(request.ReleaseId, Actor(context, request.Actor), request.Reason, context.CancellationToken).ConfigureAwait(false) };

    public override async Task<PromoteResponse> Promote(PromoteRequest request, ServerCallContext context) =>
        new() { Release = await engine.PromoteAsync(request.ReleaseId, Actor(context, request.Actor), request.Reason, context.CancellationToken).ConfigureAwait(false) };

    public override async Task<AbortResponse> Abort(AbortRequest request, ServerCallContext context) =>
        new() { Release = await engine.AbortAsync(request.ReleaseId, Actor(context, request.Actor), request.Reason, context.CancellationToken).ConfigureAwait(false) };

    public override async Task<ListHistoryResponse> ListHistory(ListHistoryRequest request, ServerCallContext context)
    {
        await engine.Ready.WaitAsync(context.CancellationToken).ConfigureAwait(false);
        return await History(store, request, context.CancellationToken).ConfigureAwait(false);
    }

    public override async Task<ListEvaluationRunsResponse> ListEvaluationRuns(ListEvaluationRunsRequest request, ServerCallContext context)
    {
        await engine.Ready.WaitAsync(context.CancellationToken).ConfigureAwait(false);
        return await EvaluationRuns(store, request, context.CancellationToken).ConfigureAwait(false);
    }

    public override async Task WatchRouting(WatchRoutingRequest request, IServerStreamWriter<WatchRoutingResponse> responseStream, ServerCallContext context)
    {
        await engine.Ready.WaitAsync(context.CancellationToken).ConfigureAwait(false);
        ReleaseLog.RoutingWatcher(logger, request.GatewayId.Length == 0 ? context.Peer : request.GatewayId, request.KnownRevision);
        using var subscription = routing.Subscribe();
        try
        {
            await foreach (var snapshot in subscription.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(new WatchRoutingResponse { Routing = snapshot }, context.CancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The gateway went away or the server is stopping.
        }
    }

    /// <summary>Who acted: the gateway's caller header, else the request's actor, else "anonymous".</summary>
    public static string Actor(string? header, string requested) =>
        !string.IsNullOrWhiteSpace(header) ? header.Trim() : !string.IsNullOrWhiteSpace(requested) ? requested.Trim() : "anonymous";

    internal static async Task<ListHistoryResponse> History(IReleaseStore store, ListHistoryRequest request, CancellationToken cancellationToken)
    {
        var size = PageCursor.PageSize(request.PageSize);
        var after = PageCursor.Parse(request.PageToken);
        var releases = await store.ListReleasesAsync(request.ModelVersion, size + 1, after, cancellationToken).ConfigureAwait(false);
        var response = new ListHistoryResponse();
        response.Releases.AddRange(releases.Take(size));
        if (releases.Count > size)
        {
            var last = releases[size - 1];
            response.NextPageToken = new PageCursor(last.CreateTime.ToDateTimeOffset().ToUnixTimeMilliseconds(), last.ReleaseId).ToToken();
        }

        return response;
    }

    internal static async Task<ListEvaluationRunsResponse> EvaluationRuns(IReleaseStore store, ListEvaluationRunsRequest request, CancellationToken cancellationToken)
    {
        var size = PageCursor.PageSize(request.PageSize);
        var after = PageCursor.Parse(request.PageToken);
        var runs = await store.ListEvaluationRunsAsync(request.ReleaseId, request.ModelVersion, request.OmitItems, size + 1, after, cancellationToken).ConfigureAwait(false);
        var response = new ListEvaluationRunsResponse();
        response.Runs.AddRange(runs.Take(size));
        if (runs.Count > size)
        {
            var last = runs[size - 1];
            response.NextPageToken = new PageCursor(last.StartTime.ToDateTimeOffset().ToUnixTimeMilliseconds(), last.RunId).ToToken();
        }

        return response;
    }

    private static string Actor(ServerCallContext context, string requested) => Actor(context.RequestHeaders.GetValue(CallerHeader), requested);
}
