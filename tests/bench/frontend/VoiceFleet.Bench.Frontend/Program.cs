// The text frontend benchmark: see tests/bench/frontend/README.md. Prints a markdown table (and writes it to the
// path given by --out), every figure from this one run.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server.Features;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Frontend;
using VoiceFleet.Rpc.Client;
using VoiceFleet.Text.Analysis;
using VoiceFleet.Text.Espeak;
using VoiceFleet.Text.Mandarin;

var root = FindRoot();
var seconds = double.Parse(Arg("--seconds") ?? "5", CultureInfo.InvariantCulture);
var output = Arg("--out");
var golden = File.ReadLines(Path.Combine(root, "tests", "data", "eval", "golden.jsonl"))
    .Select(line => JsonDocument.Parse(line).RootElement)
    .Select(e => (Lang: e.GetProperty("lang").GetString()!, Text: e.GetProperty("text").GetString()!))
    .ToList();
var zhSentences = golden.Where(g => g.Lang == "zh").Select(g => g.Text).ToList();
var enSentences = golden.Where(g => g.Lang == "en").Select(g => g.Text).ToList();
var zhText = string.Concat(zhSentences);
var enText = string.Join(' ', enSentences);
var rows = new List<string[]>();
var load = new List<string> { LoadAverage() };
var started = DateTime.UtcNow;
var cpuStart = CpuSample();

Console.Error.WriteLine($"bench: Mandarin text {Chars(zhText)} characters ({zhSentences.Count} sentences), English {Chars(enText)} ({enSentences.Count} sentences); {seconds} s per row");

// In-process: the library the service runs.
var lexicon = MandarinLexiconLoader.Load(MandarinLexiconLoader.FindDataDirectory(start: root) ?? throw new InvalidOperationException("run ./fleet setup"));
var espeak = EspeakEngine.Open();
var analyzer = new TextAnalyzer(new MandarinG2p(lexicon), espeak);

rows.Add(await Measure("in-process", "TextAnalyzer, Mandarin paragraph", Chars(zhText), 1, () => analyzer.AnalyzeAsync(new AnalysisRequest { Text = zhText })));
rows.Add(await Measure("in-process", "TextAnalyzer, English paragraph", Chars(enText), 1, () => analyzer.AnalyzeAsync(new AnalysisRequest { Text = enText, Language = "en" })));
rows.Add(await Measure("in-process", "TextAnalyzer, Mandarin, one sentence per call", Chars(zhText) / zhSentences.Count, 1, Cycle(zhSentences, s => analyzer.AnalyzeAsync(new AnalysisRequest { Text = s }))));
rows.Add(await Measure("in-process", "TextAnalyzer, English, one sentence per call", Chars(enText) / enSentences.Count, 1, Cycle(enSentences, s => analyzer.AnalyzeAsync(new AnalysisRequest { Text = s, Language = "en" }))));
rows.Add(await Measure("in-process", "MandarinG2p only, Mandarin paragraph", Chars(zhText), 1, () => Task.FromResult(new MandarinG2p(lexicon).Convert(zhText))));
rows.Add(await Measure("in-process", "libespeak-ng only (EspeakEngine), English paragraph", Chars(enText), 1, () => Task.FromResult(espeak.Phonemize(enText, "en-us"))));

// Through the Frontend service on loopback (h2c gRPC, our transport), 1 and 4 callers.
await using (var service = await StartServiceAsync())
{
    using var channel = GrpcChannel.ForAddress(service.Address);
    var client = new TextFrontendClient(channel);
    foreach (var callers in new[] { 1, 4 })
    {
        rows.Add(await Measure("gRPC", "Analyze, Mandarin paragraph", Chars(zhText), callers, () => client.AnalyzeAsync(new AnalyzeRequest { Text = zhText }).ResponseAsync));
        rows.Add(await Measure("gRPC", "Analyze, English paragraph", Chars(enText), callers, () => client.AnalyzeAsync(new AnalyzeRequest { Text = enText, Language = "en" }).ResponseAsync));
        rows.Add(await Measure("gRPC", "Analyze, Mandarin, one sentence per call", Chars(zhText) / zhSentences.Count, callers, Cycle(zhSentences, s => client.AnalyzeAsync(new AnalyzeRequest { Text = s }).ResponseAsync)));
        rows.Add(await Measure("gRPC", "Analyze, English, one sentence per call", Chars(enText) / enSentences.Count, callers, Cycle(enSentences, s => client.AnalyzeAsync(new AnalyzeRequest { Text = s, Language = "en" }).ResponseAsync)));
    }
}

// The espeak-ng command line on the same English text: from a file (the text 20 times), and one process per sentence.
var file = Path.GetTempFileName();
await File.WriteAllTextAsync(file, string.Join('\n', Enumerable.Repeat(enText, 20)));
rows.Add(await Measure("espeak-ng CLI", "-q --ipa -v en-us -f FILE (English paragraph ×20)", Chars(enText) * 20, 1, () => RunProcess("-q", "--ipa", "-v", "en-us", "-f", file)));
rows.Add(await Measure("espeak-ng CLI", "-q --ipa -v en-us SENTENCE, one process per sentence", Chars(enText) / enSentences.Count, 1, Cycle(enSentences, s => RunProcess("-q", "--ipa", "-v", "en-us", s))));
rows.Add(await Measure("espeak-ng CLI", "-q --ipa -v en-us \"\" (process start only)", 0, 1, () => RunProcess("-q", "--ipa", "-v", "en-us", "")));
rows.Add(await Measure("espeak-ng CLI", "-q --ipa -v cmn -f FILE (Mandarin paragraph ×20; reference only: letters for many Han)", Chars(zhText) * 20, 1, () => RunProcess("-q", "--ipa", "-v", "cmn", "-f", WriteTemp(string.Join('\n', Enumerable.Repeat(zhText, 20))))));
File.Delete(file);
load.Add(LoadAverage());
var cpuEnd = CpuSample();
var others = cpuEnd.Wall > cpuStart.Wall ? Math.Max(0, (cpuEnd.Busy - cpuStart.Busy) - (cpuEnd.Own - cpuStart.Own)) / (cpuEnd.Wall - cpuStart.Wall) : double.NaN;

var table = new StringBuilder();
table.AppendLine(CultureInfo.InvariantCulture, $"Run {started:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, espeak-ng {espeak.Version}; load average (1/5/15 min) before: {load[0]}, after: {load[1]}; other processes used {others:F2} cores on average during the run.");
table.AppendLine();
table.AppendLine("| path | workload | chars/call | callers | calls | chars/s | ms/call (mean) | ms/call (p50) |");
table.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
foreach (var row in rows)
{
    table.AppendLine("| " + string.Join(" | ", row) + " |");
}

Console.WriteLine(table);
if (output is not null)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
    await File.WriteAllTextAsync(output, table.ToString());
}

return 0;

async Task<string[]> Measure<T>(string path, string workload, int charsPerCall, int callers, Func<Task<T>> call)
{
    // Warm-up: a second, or at least three calls.
    var warm = Stopwatch.StartNew();
    for (var i = 0; i < 3 || warm.Elapsed.TotalSeconds < 1; i++)
    {
        await call();
    }

    var latencies = new List<double>();
    var total = Stopwatch.StartNew();
    var deadline = TimeSpan.FromSeconds(seconds);
    await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
    {
        var mine = new List<double>();
        while (total.Elapsed < deadline)
        {
            var one = Stopwatch.GetTimestamp();
            await call();
            mine.Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
        }

        lock (latencies)
        {
            latencies.AddRange(mine);
        }
    })));
    var elapsed = total.Elapsed.TotalSeconds;
    latencies.Sort();
    var calls = latencies.Count;
    var row = new[]
    {
        path,
        workload,
        charsPerCall.ToString(CultureInfo.InvariantCulture),
        callers.ToString(CultureInfo.InvariantCulture),
        calls.ToString(CultureInfo.InvariantCulture),
        charsPerCall == 0 ? "—" : (charsPerCall * calls / elapsed).ToString("N0", CultureInfo.InvariantCulture),
        latencies.Average().ToString("F2", CultureInfo.InvariantCulture),
        latencies[calls / 2].ToString("F2", CultureInfo.InvariantCulture),
    };
    Console.Error.WriteLine("bench: " + string.Join(" | ", row));
    return row;
}

static Func<Task<T>> Cycle<T>(IReadOnlyList<string> items, Func<string, Task<T>> call)
{
    var next = 0;
    return () => call(items[Interlocked.Increment(ref next) % items.Count]);
}

static async Task<int> RunProcess(params string[] arguments)
{
    var start = new ProcessStartInfo("espeak-ng", arguments) { RedirectStandardOutput = true, UseShellExecute = false };
    using var process = Process.Start(start)!;
    await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    return process.ExitCode;
}

static string WriteTemp(string text)
{
    var path = Path.Combine(Path.GetTempPath(), "voicefleet-bench-frontend-zh.txt");
    if (!File.Exists(path))
    {
        File.WriteAllText(path, text);
    }

    return path;
}

static int Chars(string text) => text.EnumerateRunes().Count();

// Busy CPU seconds of the machine, of this process and its waited-for children (the espeak-ng processes), and the wall clock.
static (double Busy, double Own, double Wall) CpuSample()
{
    const double Hz = 100; // USER_HZ on Linux
    var wall = Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
    if (!File.Exists("/proc/stat"))
    {
        return (0, 0, wall);
    }

    var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    var busy = (cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + cpu[7]) / Hz; // user nice system irq softirq steal
    var self = File.ReadAllText("/proc/self/stat");
    var fields = self[(self.LastIndexOf(')') + 2)..].Split(' ');
    var own = (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)
        + double.Parse(fields[13], CultureInfo.InvariantCulture) + double.Parse(fields[14], CultureInfo.InvariantCulture)) / Hz;
    return (busy, own, wall);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static async Task<RunningFrontend> StartServiceAsync()
{
    var app = FrontendApp.Build(["--Service:GrpcPort=0", "--Service:HttpPort=0", "--Logging:LogLevel:Default=Warning"]);
    await app.StartAsync();
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    return new RunningFrontend(app, new Uri(address));
}

string? Arg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("No Platform.sln above the benchmark.");
}

/// <summary>The Frontend service running in this process.</summary>
internal sealed class RunningFrontend(WebApplication app, Uri address) : IAsyncDisposable
{
    public Uri Address { get; } = address;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
