using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Gateway.Auth;
using VoiceFleet.Gateway.Configuration;
using VoiceFleet.Gateway.Diagnostics;
using VoiceFleet.Gateway.Health;
using VoiceFleet.Gateway.RateLimiting;
using VoiceFleet.Gateway.Routing;
using VoiceFleet.Rpc;
using Yarp.ReverseProxy.Forwarder;

namespace VoiceFleet.Gateway.Proxy;

/// <summary>
/// One proxied request, in order: strip the headers only the gateway may set (keeping a tester's track
/// override aside), authenticate the key, check the route's role, take a rate-limit token, check the
/// size; then forward with YARP's <see cref="IHttpForwarder"/>. Synthesis requests are buffered whole,
/// checked for inline reference audio, sent to the slot of the chosen track, and resent once to
/// stable when the canary could not be reached before any response byte went out.
/// </summary>
internal sealed class GatewayProxy(
    IHttpForwarder forwarder,
    BackendClients backends,
    Authenticator authenticator,
    KeyRateLimiter rateLimiter,
    RoutingState routing,
    TrackSelector selector,
    SlotHealth health,
    GatewayMetrics metrics,
    IOptions<AuthOptions> authOptions,
    IOptions<LimitsOptions> limitsOptions,
    TimeProvider timeProvider,
    ILogger<GatewayProxy> logger)
{
    private static readonly ApiKey AuthDisabledKey = new("anonymous", "auth disabled", new byte[32], (ApiRoles)0x1F, 0, 0);

    private readonly bool _authEnabled = authOptions.Value.Enabled;
    private TrackTransformers? _transformers;
    private readonly LimitsOptions _limits = limitsOptions.Value;

    public Task HandleGrpcAsync(HttpContext context)
    {
        var policy = RouteTable.ForGrpc(context.Request.Path.Value ?? "");
        if (policy is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return HandleAsync(context, policy);
    }

    public Task HandleRestAsync(HttpContext context)
    {
        var policy = RouteTable.ForRest(context.Request.Method, context.Request.Path.Value ?? "");
        if (policy is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return HandleAsync(context, policy);
    }

    private async Task HandleAsync(HttpContext context, RoutePolicy policy)
    {
        var headers = context.Request.Headers;
        var requestedTrack = StripReservedHeaders(headers);

        ApiKey key;
        if (_authEnabled)
        {
            var outcome = authenticator.Authenticate(headers, out var found);
            if (outcome != AuthOutcome.Ok)
            {
                metrics.Rejected(RejectReason.Unauthenticated);
                var message = outcome == AuthOutcome.Missing
                    ? "An API key is required: send 'authorization: Bearer <key>' (or 'x-api-key: <key>', or HTTP Basic with the key as the password)."
                    : "The API key is not valid.";

                // Browsers prompt for Basic credentials on the console's pages: the key goes in the password field.
                var challenge = string.Equals(policy.MethodLabel, RouteTable.ConsoleLabel, StringComparison.Ordinal) ? "Basic realm=\"VoiceFleet console\", charset=\"UTF-8\"" : null;
                await EdgeResponses.WriteAsync(context, policy.IsGrpc, StatusCode.Unauthenticated, StatusCodes.Status401Unauthorized, message, challenge: challenge).ConfigureAwait(false);
                return;
            }

            key = found!;
        }
        else
        {
            key = AuthDisabledKey;
        }

        // The services never see the secret.
        headers.Remove(HeaderNames.Authorization);
        headers.Remove(Authenticator.ApiKeyHeader);

        if (!key.Has(policy.Required))
        {
            await DenyAsync(context, policy, key, policy.Required).ConfigureAwait(false);
            return;
        }

        if (_authEnabled && !rateLimiter.TryAcquire(key, out var retryAfter))
        {
            metrics.Rejected(RejectReason.RateLimited);
            await EdgeResponses.WriteAsync(context, policy.IsGrpc, StatusCode.ResourceExhausted, StatusCodes.Status429TooManyRequests,
                $"Rate limit of API key '{key.Id}' exceeded; retry after {retryAfter.TotalMilliseconds:0} ms.", retryAfter).ConfigureAwait(false);
            return;
        }

        var synthesisLimit = (int)Math.Min(_limits.MaxSynthesisRequestBytes, _limits.MaxRequestBodyBytes);
        var bodyLimit = policy.Backend == BackendService.Synthesis ? synthesisLimit : _limits.MaxRequestBodyBytes;
        if (context.Request.ContentLength > bodyLimit)
        {
            await TooLargeAsync(context, policy, bodyLimit).ConfigureAwait(false);
            return;
        }

        headers[GatewayHeaders.Caller] = key.Id;
        headers[GatewayHeaders.Roles] = ApiRolesText.Header(key.Roles);
        var call = new GatewayCall(policy);
        if (policy.Backend == BackendService.Synthesis)
        {
            await ProxySynthesisAsync(context, call, key, requestedTrack, synthesisLimit).ConfigureAwait(false);
        }
        else
        {
            var (prefix, client) = backends.For(policy.Backend);
            var counting = new CountingReadStream(context.Request.Body);
            context.Request.Body = counting;
            await ForwardMeasuredAsync(context, call, prefix, client, () => counting.BytesRead).ConfigureAwait(false);
        }
    }

    private async Task ProxySynthesisAsync(HttpContext context, GatewayCall call, ApiKey key, Track requestedTrack, int bodyLimit)
    {
        var policy = call.Policy;
        byte[]? rented = null;
        try
        {
            int length;
            try
            {
                (rented, length) = await ReadBodyAsync(context, bodyLimit).ConfigureAwait(false);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                length = -1;
            }

            if (length < 0)
            {
                await TooLargeAsync(context, policy, bodyLimit).ConfigureAwait(false);
                return;
            }

            var body = rented!.AsMemory(0, length);
            if (policy.InspectForClone && !key.Has(ApiRoles.Clone))
            {
                var check = await CheckCloneAsync(context, policy, body).ConfigureAwait(false);
                if (check != CloneCheck.NoReference)
                {
                    await DenyAsync(context, policy, key, ApiRoles.Clone, check == CloneCheck.Reference
                        ? "inline reference audio (zero-shot cloning)"
                        : "a request the gateway could not read to check for reference audio").ConfigureAwait(false);
                    return;
                }
            }

            var table = routing.Current;
            var decision = selector.Choose(table, context.Request.Headers, key.Has(ApiRoles.Tester) ? requestedTrack : Track.Unspecified, key.Id);
            if (decision.Reason == TrackReason.CanaryUnhealthy)
            {
                metrics.HealthReroute(SlotName.Of(table.Canary));
            }

            var transformers = TrackTransformers.For(table, ref _transformers);
            var replay = new MemoryStream(rented!, 0, length, writable: false);
            context.Request.Body = replay;
            SetTrack(context, call, table, decision.Track, decision.Slot);
            var start = timeProvider.GetTimestamp();
            metrics.RequestStarted(TrackNames.Of(call.Track));
            var responseBody = context.Response.Body;
            var counting = new CountingWriteStream(responseBody);
            context.Response.Body = counting;
            try
            {
                var (prefix, client) = backends.For(decision.Slot);
                var error = await forwarder.SendAsync(context, prefix, client, backends.RequestConfig, transformers.For(decision.Track), context.RequestAborted).ConfigureAwait(false);
                if (error == ForwarderError.Request && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
                {
                    health.RequestFailed(decision.Slot, "a proxied request could not reach it");
                    if (decision.Track == Track.Canary)
                    {
                        // Nothing reached the client and the body is buffered: resend once to stable.
                        GatewayLog.RetryingOnStable(logger, SlotName.Of(decision.Slot), error.ToString(), SlotName.Of(table.Stable));
                        metrics.RetriedToStable(policy.MethodLabel);
                        context.Response.Clear();
                        context.Features.Set<IForwarderErrorFeature>(null);
                        replay.Position = 0;
                        metrics.RequestFinished(TrackNames.Canary, call.ModelVersion, policy.MethodLabel, "UNAVAILABLE", 0, 0, 0);
                        SetTrack(context, call, table, Track.Stable, table.Stable);
                        metrics.RequestStarted(TrackNames.Stable);
                        (prefix, client) = backends.For(table.Stable);
                        error = await forwarder.SendAsync(context, prefix, client, backends.RequestConfig, transformers.Stable, context.RequestAborted).ConfigureAwait(false);
                    }
                }

                await CompleteErrorAsync(context, call, error, prefix).ConfigureAwait(false);
            }
            finally
            {
                context.Response.Body = responseBody;
                Finish(context, call, start, length, counting.BytesWritten);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private async Task ForwardMeasuredAsync(HttpContext context, GatewayCall call, string prefix, HttpMessageInvoker client, Func<long> requestBytes)
    {
        var start = timeProvider.GetTimestamp();
        metrics.RequestStarted(TrackNames.None);
        var responseBody = context.Response.Body;
        var counting = new CountingWriteStream(responseBody);
        context.Response.Body = counting;
        try
        {
            var error = await forwarder.SendAsync(context, prefix, client, backends.RequestConfig, GatewayTransformer.NoTrack, context.RequestAborted).ConfigureAwait(false);
            await CompleteErrorAsync(context, call, error, prefix).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = responseBody;
            Finish(context, call, start, requestBytes(), counting.BytesWritten);
        }
    }

    private async Task CompleteErrorAsync(HttpContext context, GatewayCall call, ForwarderError error, string destination)
    {
        if (error == ForwarderError.None)
        {
            return;
        }

        var exception = context.GetForwarderErrorFeature()?.Exception;
        if (error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled || context.RequestAborted.IsCancellationRequested)
        {
            return; // the client went away
        }

        GatewayLog.ProxyFailed(logger, context.Request.Path.Value ?? "", destination, error.ToString(), exception);
        if (!context.Response.HasStarted)
        {
            var timedOut = error == ForwarderError.RequestTimedOut;
            await EdgeResponses.WriteAsync(context, call.Policy.IsGrpc,
                timedOut ? StatusCode.DeadlineExceeded : StatusCode.Unavailable,
                timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
                $"The {call.Policy.Backend} backend could not be reached ({error}).").ConfigureAwait(false);
        }
    }

    private void Finish(HttpContext context, GatewayCall call, long start, long requestBytes, long responseBytes)
    {
        var seconds = timeProvider.GetElapsedTime(start).TotalSeconds;
        metrics.RequestFinished(TrackNames.Of(call.Track), call.ModelVersion, call.Policy.MethodLabel, ResultCode(context, call.Policy), seconds, requestBytes, responseBytes);
    }

    private static string ResultCode(HttpContext context, RoutePolicy policy)
    {
        var response = context.Response;
        if (policy.IsGrpc)
        {
            var trailers = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
            var status = trailers is not null && trailers.TryGetValue("grpc-status", out var t) ? t
                : response.Headers.TryGetValue("grpc-status", out var h) ? h : StringValues.Empty;
            if (EdgeResponses.CodeName(status.Count == 1 ? status[0] : null) is { } name)
            {
                return name;
            }

            if (context.RequestAborted.IsCancellationRequested)
            {
                return "CANCELLED";
            }
        }

        return EdgeResponses.CodeNameOfHttp(response.StatusCode);
    }

    private static void SetTrack(HttpContext context, GatewayCall call, RoutingTable table, Track track, Slot slot)
    {
        call.Track = track;
        var version = table.VersionOf(slot);
        call.ModelVersion = version.Length > 0 ? version : "unknown";
        context.Request.Headers[GatewayHeaders.Track] = TrackNames.Of(track);
    }

    /// <summary>Removes every <c>x-voicefleet-*</c> header, returning the track override it carried (honoured later only for testers).</summary>
    private static Track StripReservedHeaders(IHeaderDictionary headers)
    {
        var requested = Track.Unspecified;
        List<string>? reserved = null;
        foreach (var header in headers)
        {
            if (header.Key.StartsWith(GatewayHeaders.ReservedPrefix, StringComparison.OrdinalIgnoreCase))
            {
                (reserved ??= []).Add(header.Key);
                if (string.Equals(header.Key, GatewayHeaders.Track, StringComparison.OrdinalIgnoreCase) && header.Value.Count == 1)
                {
                    requested = TrackNames.Parse(header.Value[0]);
                }
            }
        }

        if (reserved is not null)
        {
            foreach (var name in reserved)
            {
                headers.Remove(name);
            }
        }

        return requested;
    }

    private static async Task<CloneCheck> CheckCloneAsync(HttpContext context, RoutePolicy policy, ReadOnlyMemory<byte> body)
    {
        if (policy.IsGrpc)
        {
            return CloneDetector.CheckGrpc(body, context.Request.Headers["grpc-encoding"], int.MaxValue / 2);
        }

        if (body.IsEmpty)
        {
            return CloneCheck.NoReference;
        }

        if (string.IsNullOrEmpty(context.Request.ContentType))
        {
            return CloneDetector.CheckJson(body.Span); // Synthesis reads a body without a content type as JSON
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type))
        {
            return CloneCheck.Unreadable;
        }

        if (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return CloneDetector.CheckJson(body.Span);
        }

        if (type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) && HeaderUtilities.RemoveQuotes(type.Boundary) is { Length: > 0 } boundary)
        {
            return await CloneDetector.CheckMultipartAsync(body, boundary.ToString(), context.RequestAborted).ConfigureAwait(false);
        }

        return CloneCheck.Unreadable;
    }

    /// <summary>Reads the whole body into a pooled array; length -1 when it is larger than <paramref name="limit"/>.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpContext context, int limit)
    {
        // The limit is enforced here; lifting Kestrel's own before the first read keeps the forwarder from trying
        // (and warning on every request) once the body has been read.
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null;
        }

        var contentLength = context.Request.ContentLength;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1L, contentLength is { } known ? known + 1 : 4096));
        var length = 0;
        var body = context.Request.Body;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit)
                {
                    return (buffer, -1);
                }

                var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1L, buffer.Length * 2L));
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false);
            if (read == 0)
            {
                return (buffer, length > limit ? -1 : length);
            }

            length += read;
        }
    }

    private Task DenyAsync(HttpContext context, RoutePolicy policy, ApiKey key, ApiRoles needed, string? what = null)
    {
        metrics.Rejected(RejectReason.PermissionDenied);
        var message = $"API key '{key.Id}' lacks the role '{ApiRolesText.Format(needed & ~key.Roles)}' needed for {what ?? policy.MethodLabel}.";
        return EdgeResponses.WriteAsync(context, policy.IsGrpc, StatusCode.PermissionDenied, StatusCodes.Status403Forbidden, message);
    }

    private Task TooLargeAsync(HttpContext context, RoutePolicy policy, long limit)
    {
        metrics.Rejected(RejectReason.TooLarge);
        return EdgeResponses.WriteAsync(context, policy.IsGrpc, StatusCode.ResourceExhausted, StatusCodes.Status413PayloadTooLarge,
            $"The request body is larger than the gateway's limit of {limit} bytes for {policy.MethodLabel}.");
    }
}
