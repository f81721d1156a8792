using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VoiceFleet.ReleaseController.Configuration;

namespace VoiceFleet.ReleaseController.CanaryAnalysis;

/// <summary>
/// Window metrics from Prometheus's HTTP API: one instant query (<c>GET /api/v1/query</c>, evaluated at
/// the window's end) per quantity and track, from the templates of <see cref="PrometheusQueries"/>.
/// </summary>
internal sealed class PrometheusApiMetricsSource(IHttpClientFactory httpClients, IOptions<AnalysisOptions> options) : IMetricsSource
{
    public string Name => "prometheus";

    public Task BeginWindowAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<WindowMetrics> CollectAsync(TimeSpan window, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var canary = await TrackAsync("canary", window, end, problems, cancellationToken).ConfigureAwait(false);
        var stable = await TrackAsync("stable", window, end, problems, cancellationToken).ConfigureAwait(false);
        return new WindowMetrics(canary, stable, Name, problems);
    }

    private async Task<TrackWindow> TrackAsync(string track, TimeSpan window, DateTimeOffset end, List<string> problems, CancellationToken cancellationToken)
    {
        var result = new TrackWindow();
        var names = PrometheusQueries.Names.ToArray();
        var answers = await Task.WhenAll(names.Select(n => QueryAsync(n, track, window, end, problems, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < names.Length; i++)
        {
            var vector = answers[i];
            double Sum() => vector.Sum(v => double.IsNaN(v.Value) ? 0 : v.Value);
            switch (names[i])
            {
                case "requests": result.Requests = Sum(); break;
                case "errors": result.Errors = Sum(); break;
                case "gateway_requests": result.GatewayRequests = Sum(); break;
                case "audio_seconds": result.AudioSeconds = Sum(); break;
                case "non_finite_samples": result.NonFiniteSamples = Sum(); break;
                case "clipping_sum": result.ClippingSum = Sum(); break;
                case "clipping_count": result.ClippingCount = Sum(); break;
                case "silence_sum": result.SilenceSum = Sum(); break;
                case "silence_count": result.SilenceCount = Sum(); break;
                case "loudness_sum": result.LoudnessSum = Sum(); break;
                case "loudness_count": result.LoudnessCount = Sum(); break;
                case "rtf_buckets":
                    foreach (var (labels, value) in vector)
                    {
                        if (labels.TryGetValue("le", out var le) && PrometheusText.TryParseValue(le, out var bound) && !double.IsNaN(value))
                        {
                            result.Rtf.AddCumulative(bound, value);
                        }
                    }

                    break;
            }
        }

        return result;
    }

    private async Task<List<(Dictionary<string, string> Labels, double Value)>> QueryAsync(string name, string track, TimeSpan window, DateTimeOffset end, List<string> problems, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var query = PrometheusQueries.Render(name, settings.Queries, track, window, settings.ServerErrorCodes);
        var uri = new Uri(
            new Uri(settings.PrometheusUrl.TrimEnd('/') + "/"),
            "api/v1/query?query=" + Uri.EscapeDataString(query) + "&time=" + (end.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.RequestTimeout);
        var vector = new List<(Dictionary<string, string>, double)>();
        try
        {
            var client = httpClients.CreateClient(nameof(PrometheusApiMetricsSource));
            using var response = await client.GetAsync(uri, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (!response.IsSuccessStatusCode || root.GetProperty("status").GetString() != "success")
            {
                var error = root.TryGetProperty("error", out var e) ? e.GetString() : $"HTTP {(int)response.StatusCode}";
                lock (problems)
                {
                    problems.Add($"query {name} ({track}) failed: {error}");
                }

                return vector;
            }

            foreach (var item in root.GetProperty("data").GetProperty("result").EnumerateArray())
            {
                var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var label in item.GetProperty("metric").EnumerateObject())
                {
                    labels[label.Name] = label.Value.GetString() ?? string.Empty;
                }

                var pair = item.GetProperty("value");
                if (PrometheusText.TryParseValue(pair[1].GetString() ?? "NaN", out var value))
                {
                    vector.Add((labels, value));
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            lock (problems)
            {
                problems.Add($"query {name} ({track}) failed: {ex.Message}");
            }
        }

        return vector;
    }
}
