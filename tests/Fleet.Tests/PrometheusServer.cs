using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Fleet.Tests;

/// <summary>
/// Debian's Prometheus on loopback, started and stopped by the project's own script (deploy/local/prometheus.sh) in a
/// throwaway folder, scraping the local fleet of one port base with the repository's rules; and the few calls of its
/// HTTP API the tests read.
/// </summary>
internal sealed class PrometheusServer : IDisposable
{
    private static readonly string Script = RepoPaths.Combine("deploy", "local", "prometheus.sh");

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };

    private PrometheusServer(string directory, Uri url)
    {
        Directory = directory;
        Url = url;
    }

    /// <summary>The folder the script works in (generated configuration, data, log, pid file).</summary>
    public string Directory { get; }

    public Uri Url { get; }

    /// <summary>Runs <c>prometheus.sh start</c>; returns the server it started.</summary>
    public static async Task<PrometheusServer> StartAsync(string directory, int port, int fleetPortBase, string scrapeInterval)
    {
        var (exit, output, error) = await RunScriptAsync(
            "start", directory, "--port", port.ToString(CultureInfo.InvariantCulture), "--fleet-port-base", fleetPortBase.ToString(CultureInfo.InvariantCulture), "--scrape-interval", scrapeInterval);
        Assert.True(exit == 0, $"prometheus.sh start exited {exit}: {output} {error}");
        return new PrometheusServer(directory, new Uri(output.Trim()));
    }

    /// <summary>Runs the script (start|stop DIR ...) to completion.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunScriptAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Stops the server through the script; if the script fails, kills the process its pid file names.</summary>
    public async Task StopAsync()
    {
        var (exit, _, _) = await RunScriptAsync("stop", Directory);
        var pidFile = Path.Join(Directory, "prometheus.pid");
        if (exit != 0 && File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile), out var pid))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                await process.WaitForExitAsync();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
    }

    /// <summary>An instant query (<c>/api/v1/query</c>) at <paramref name="time"/> (now when null): each series' labels and value.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string query, DateTimeOffset? time = null)
    {
        var uri = "api/v1/query?query=" + Uri.EscapeDataString(query)
            + (time is { } at ? "&time=" + (at.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture) : string.Empty);
        using var json = await GetAsync(uri);
        var data = json.RootElement.GetProperty("data");
        Assert.Equal("vector", data.GetProperty("resultType").GetString());
        return
        [
            .. data.GetProperty("result").EnumerateArray().Select(item => (
                (IReadOnlyDictionary<string, string>)item.GetProperty("metric").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString() ?? string.Empty, StringComparer.Ordinal),
                double.Parse(item.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture))),
        ];
    }

    /// <summary>The rules Prometheus loaded (<c>/api/v1/rules</c>): file, name, whether it records, its query, its health.</summary>
    public async Task<IReadOnlyList<(string File, string Name, bool Records, string Query, string Health)>> RulesAsync()
    {
        using var json = await GetAsync("api/v1/rules");
        return
        [
            .. json.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray().SelectMany(group => group.GetProperty("rules").EnumerateArray().Select(rule => (
                group.GetProperty("file").GetString()!,
                rule.GetProperty("name").GetString()!,
                rule.GetProperty("type").GetString() == "recording",
                rule.GetProperty("query").GetString()!,
                rule.GetProperty("health").GetString()!))),
        ];
    }

    /// <summary>Every metric name Prometheus holds series of (<c>/api/v1/label/__name__/values</c>).</summary>
    public async Task<IReadOnlySet<string>> MetricNamesAsync()
    {
        using var json = await GetAsync("api/v1/label/__name__/values");
        return json.RootElement.GetProperty("data").EnumerateArray().Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Scrape targets by job and instance with their health (<c>up</c>, <c>down</c>, <c>unknown</c>).</summary>
    public async Task<IReadOnlyList<(string Job, string Instance, string Health)>> TargetsAsync()
    {
        using var json = await GetAsync("api/v1/targets?state=active");
        return
        [
            .. json.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray().Select(t => (
                t.GetProperty("labels").GetProperty("job").GetString()!,
                t.GetProperty("labels").GetProperty("instance").GetString()!,
                t.GetProperty("health").GetString()!)),
        ];
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonDocument> GetAsync(string relative)
    {
        using var response = await _http.GetAsync(new Uri(Url, relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {relative}: HTTP {(int)response.StatusCode} {body}");
        var json = JsonDocument.Parse(body);
        Assert.Equal("success", json.RootElement.GetProperty("status").GetString());
        return json;
    }
}
