using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Diagnostics;
using VoiceFleet.ReleaseController.Model;

namespace VoiceFleet.ReleaseController.Webhooks;

/// <summary>
/// Calls a release's webhooks: an HTTP POST of a JSON document (the event, the release and the transition that caused
/// it) to each hook subscribed to the event, retried with growing pauses until a 2xx answer, a per-attempt timeout,
/// and the hook's retry budget. Pre-rollout hooks are awaited (a blocking one that fails stops the release); the
/// others are sent in the background and their failures only logged and counted.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients, ReleaseMetrics metrics, TimeProvider time, ILogger<WebhookSender> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> hooks are sent with.</summary>
    public const string ClientName = "webhooks";

    /// <summary>The per-attempt timeout when a hook sets none.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Retries after the first attempt when a hook sets none.</summary>
    public const int DefaultMaxRetries = 3;

    // The pause before retry n is FirstBackoff · 2^(n−1), at most MaxBackoff.
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    // Bytes of a failed answer's body kept for the log and the release's history.
    private const int DetailLimit = 200;

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    /// <summary>The event a transition is announced as, or null when no hook hears of it.</summary>
    public static WebhookEvent? EventOf(Transition transition) => transition.ToPhase switch
    {
        ReleasePhase.Promoted => WebhookEvent.Promotion,
        ReleasePhase.RolledBack or ReleasePhase.Aborted => WebhookEvent.Rollback,
        ReleasePhase.Progressing when transition.ToWeightBps != transition.FromWeightBps => WebhookEvent.Step,
        _ => null,
    };

    /// <summary>Sends <paramref name="transition"/>'s event to the hooks that want it, in the background.</summary>
    public void Announce(Release release, Transition transition)
    {
        if (EventOf(transition) is not { } kind)
        {
            return;
        }

        var hooks = Subscribed(release, kind);
        if (hooks.Count == 0)
        {
            return;
        }

        var body = Document(kind, release, transition);
        foreach (var hook in hooks)
        {
            _ = Task.Run(() => SendAsync(hook, kind, release.ReleaseId, body, CancellationToken.None), CancellationToken.None);
        }
    }

    /// <summary>
    /// Calls the pre-rollout hooks one after the other; returns why the release must stop (a blocking hook that still
    /// failed after its retries), or null.
    /// </summary>
    public async Task<string?> PreRolloutAsync(Release release, CancellationToken cancellationToken)
    {
        var hooks = Subscribed(release, WebhookEvent.PreRollout);
        if (hooks.Count == 0)
        {
            return null;
        }

        var body = Document(WebhookEvent.PreRollout, release, release.Transitions.Count > 0 ? release.Transitions[^1] : null);
        foreach (var hook in hooks)
        {
            var failure = await SendAsync(hook, WebhookEvent.PreRollout, release.ReleaseId, body, cancellationToken).ConfigureAwait(false);
            if (failure is not null && hook.Blocking)
            {
                return $"pre-rollout webhook {hook.Url} failed: {failure}";
            }
        }

        return null;
    }

    /// <summary>The JSON document a hook receives.</summary>
    public static string Document(WebhookEvent kind, Release release, Transition? transition)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("event", Names.WebhookEvent(kind));
            json.WriteString("releaseId", release.ReleaseId);
            json.WriteString("modelVersion", release.ModelVersion);
            json.WriteString("phase", Names.Phase(release.Phase));
            json.WriteNumber("canaryWeightBps", release.CanaryWeightBps);
            json.WritePropertyName("release");
            json.WriteRawValue(Formatter.Format(release), skipInputValidation: true);
            if (transition is not null)
            {
                json.WritePropertyName("transition");
                json.WriteRawValue(Formatter.Format(transition), skipInputValidation: true);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static List<Webhook> Subscribed(Release release, WebhookEvent kind) =>
        release.Plan?.Webhooks.Where(h => h.Events.Count == 0 || h.Events.Contains(kind)).ToList() ?? [];

    // Null on success; otherwise what the last attempt got.
    private async Task<string?> SendAsync(Webhook hook, WebhookEvent kind, string releaseId, string body, CancellationToken cancellationToken)
    {
        var timeout = hook.Timeout is { } set && set.ToTimeSpan() > TimeSpan.Zero ? set.ToTimeSpan() : DefaultTimeout;
        var retries = hook.MaxRetries > 0 ? hook.MaxRetries : DefaultMaxRetries;
        var eventName = Names.WebhookEvent(kind);
        string failure = "not sent";
        for (var attempt = 0; attempt <= retries; attempt++)
        {
            if (attempt > 0)
            {
                var pause = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks << Math.Min(attempt - 1, 16)));
                await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
            }

            failure = await AttemptAsync(hook.Url, eventName, releaseId, body, timeout, cancellationToken).ConfigureAwait(false) ?? string.Empty;
            if (failure.Length == 0)
            {
                metrics.WebhookCalled(eventName, "success");
                return null;
            }

            ReleaseLog.WebhookAttemptFailed(logger, releaseId, eventName, hook.Url, attempt + 1, retries + 1, failure);
        }

        metrics.WebhookCalled(eventName, "failure");
        return failure;
    }

    private async Task<string?> AttemptAsync(string url, string eventName, string releaseId, string body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("VoiceFleet-ReleaseController", "1"));
            request.Headers.Add("x-voicefleet-event", eventName);
            request.Headers.Add("x-voicefleet-release-id", releaseId);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            var text = await response.Content.ReadAsStringAsync(attempt.Token).ConfigureAwait(false);
            text = text.Length > DetailLimit ? text[..DetailLimit] + "…" : text;
            return $"HTTP {(int)response.StatusCode}{(text.Length > 0 ? $": {text.Trim()}" : string.Empty)}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {timeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
    }
}
