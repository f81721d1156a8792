using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Engine;
using VoiceFleet.ReleaseController.Grpc;
using VoiceFleet.ReleaseController.Routing;
using VoiceFleet.ReleaseController.Storage;
using VoiceFleet.Rpc;

namespace VoiceFleet.ReleaseController.Rest;

/// <summary>
/// The REST face of the controller, in the protobuf JSON mapping (camelCase, RFC 3339 times, enum names):
/// <c>GET/POST /v1/releases</c>, <c>GET /v1/releases/current</c>, <c>GET /v1/releases/history</c>,
/// <c>GET /v1/releases/{id}</c>, <c>POST /v1/releases/{id}:pause|resume|promote|abort</c> (also
/// <c>/v1/releases/{id}/pause</c>; <c>current</c> names the active release), <c>GET /v1/routing</c>,
/// <c>GET /v1/evaluations</c>. Errors: <c>{"error":{"code","message"}}</c> with the matching HTTP status.
/// </summary>
internal static class ReleaseRestEndpoints
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithFormatEnumsAsIntegers(false));
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));
    private static readonly string[] Actions = ["pause", "resume", "promote", "abort"];

    public static IEndpointRouteBuilder MapReleaseRest(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/releases", context => Guard(context, () => HistoryAsync(context)));
        endpoints.MapGet("/v1/releases/history", context => Guard(context, () => HistoryAsync(context)));
        endpoints.MapPost("/v1/releases", context => Guard(context, () => StartAsync(context)));
        endpoints.MapGet("/v1/releases/{id}", context => Guard(context, () => GetAsync(context, (string)context.Request.RouteValues["id"]!)));
        endpoints.MapPost("/v1/releases/{target}", context => Guard(context, () =>
        {
            var target = (string)context.Request.RouteValues["target"]!;
            var colon = target.LastIndexOf(':');
            if (colon <= 0)
            {
                throw new RpcException(StatusCode.NotFound, $"POST /v1/releases/{target}: name an action, e.g. /v1/releases/{target}:pause (pause, resume, promote, abort).");
            }

            return ActAsync(context, target[..colon], target[(colon + 1)..]);
        }));
        endpoints.MapPost("/v1/releases/{id}/{action}", context => Guard(context, () => ActAsync(context, (string)context.Request.RouteValues["id"]!, (string)context.Request.RouteValues["action"]!)));
        endpoints.MapGet("/v1/routing", context => Guard(context, () =>
        {
            var routing = context.RequestServices.GetRequiredService<RoutingHub>().Current
                ?? throw new RpcException(StatusCode.Unavailable, "routing is not loaded yet.");
            return WriteAsync(context, StatusCodes.Status200OK, routing);
        }));
        endpoints.MapGet("/v1/evaluations", context => Guard(context, () => EvaluationsAsync(context)));
        return endpoints;
    }

    private static async Task HistoryAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var request = new ListHistoryRequest { ModelVersion = query["model_version"].ToString(), PageSize = Int(query["page_size"].ToString(), "page_size"), PageToken = query["page_token"].ToString() };
        var store = context.RequestServices.GetRequiredService<IReleaseStore>();
        await context.RequestServices.GetRequiredService<ReleaseEngine>().Ready.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context, StatusCodes.Status200OK, await ReleaseControlService.History(store, request, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static async Task EvaluationsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var request = new ListEvaluationRunsRequest
        {
            ReleaseId = query["release_id"].ToString(),
            ModelVersion = query["model_version"].ToString(),
            OmitItems = string.Equals(query["omit_items"].ToString(), "true", StringComparison.OrdinalIgnoreCase),
            PageSize = Int(query["page_size"].ToString(), "page_size"),
            PageToken = query["page_token"].ToString(),
        };
        var store = context.RequestServices.GetRequiredService<IReleaseStore>();
        await context.RequestServices.GetRequiredService<ReleaseEngine>().Ready.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context, StatusCodes.Status200OK, await ReleaseControlService.EvaluationRuns(store, request, context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private static async Task StartAsync(HttpContext context)
    {
        var request = await ReadAsync(context, StartReleaseRequest.Parser).ConfigureAwait(false);
        var engine = context.RequestServices.GetRequiredService<ReleaseEngine>();
        var release = await engine.StartReleaseAsync(request, Actor(context, request.Actor), context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.Location = $"/v1/releases/{release.ReleaseId}";
        await WriteAsync(context, StatusCodes.Status201Created, new StartReleaseResponse { Release = release }).ConfigureAwait(false);
    }

    private static async Task GetAsync(HttpContext context, string id)
    {
        var engine = context.RequestServices.GetRequiredService<ReleaseEngine>();
        var release = await engine.GetAsync(id == "current" ? string.Empty : id, context.RequestAborted).ConfigureAwait(false);
        if (id == "current" && release is null)
        {
            throw new RpcException(StatusCode.NotFound, "there has never been a release.");
        }

        await WriteAsync(context, StatusCodes.Status200OK, new GetStatusResponse { Release = release, Routing = context.RequestServices.GetRequiredService<RoutingHub>().Current }).ConfigureAwait(false);
    }

    private static async Task ActAsync(HttpContext context, string id, string action)
    {
        if (!Actions.Contains(action))
        {
            throw new RpcException(StatusCode.NotFound, $"unknown action '{action}' (pause, resume, promote, abort).");
        }

        var body = context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0
            ? await ReadAsync(context, AbortRequest.Parser).ConfigureAwait(false)
            : new AbortRequest();
        var releaseId = id == "current" ? string.Empty : id;
        var actor = Actor(context, body.Actor);
        var engine = context.RequestServices.GetRequiredService<ReleaseEngine>();
        var release = action switch
        {
            "pause" => await engine.PauseAsync(releaseId, actor, body.Reason, context.RequestAborted).ConfigureAwait(false),
            "resume" => await engine.ResumeAsync(releaseId, actor, body.Reason, context.RequestAborted).ConfigureAwait(false),
            "promote" => await engine.PromoteAsync(releaseId, actor, body.Reason, context.RequestAborted).ConfigureAwait(false),
            _ => await engine.AbortAsync(releaseId, actor, body.Reason, context.RequestAborted).ConfigureAwait(false),
        };
        await WriteAsync(context, StatusCodes.Status200OK, new GetStatusResponse { Release = release, Routing = context.RequestServices.GetRequiredService<RoutingHub>().Current }).ConfigureAwait(false);
    }

    private static string Actor(HttpContext context, string requested) =>
        ReleaseControlService.Actor(context.Request.Headers[ReleaseControlService.CallerHeader].ToString(), requested);

    private static async Task<T> ReadAsync<T>(HttpContext context, MessageParser<T> parser)
        where T : IMessage<T>, new()
    {
        if (context.Request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new RpcException(StatusCode.InvalidArgument, $"the body must be application/json, not {type}.");
        }

        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new T();
        }

        try
        {
            return Parser.Parse<T>(text);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"the body is not a valid {typeof(T).Name} in JSON: {ex.Message}");
        }
        catch (InvalidJsonException ex)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"the body is not valid JSON: {ex.Message}");
        }
    }

    private static int Int(string text, string name) =>
        string.IsNullOrEmpty(text) ? 0
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new RpcException(StatusCode.InvalidArgument, $"{name} must be an integer.");

    private static async Task WriteAsync(HttpContext context, int status, IMessage message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(Formatter.Format(message), context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task Guard(HttpContext context, Func<Task> handler)
    {
        try
        {
            await handler().ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            await WriteErrorAsync(context, HttpStatus(ex.StatusCode), CodeName(ex.StatusCode), ex.Status.Detail).ConfigureAwait(false);
        }
    }

    private static int HttpStatus(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.FailedPrecondition or StatusCode.Aborted or StatusCode.AlreadyExists => StatusCodes.Status409Conflict,
        StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static string CodeName(StatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));

    private static async Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("code", code);
            json.WriteString("message", message);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }
}
