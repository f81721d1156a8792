// The transport benchmark's load generator: unary echo.Echo/Call calls over our GrpcChannel, at a fixed
// number of calls in flight, timed one by one with Stopwatch timestamps. Prints one JSON line:
//   {"target":…,"concurrency":C,"requests":N,"payload":P,"succeeded":…,"failed":…,"elapsed_s":…,
//    "rps":…,"mean_ms":…,"p50_ms":…,"p99_ms":…[,"first_error":…]}
// and exits 1 when any call failed or echoed the wrong payload.
//
// Usage: VoiceFleet.Bench.Client --target http://127.0.0.1:P [--concurrency 1] [--requests 10000]
//                                [--payload 1024] [--warmup 1000]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using VoiceFleet.Bench.Client;
using VoiceFleet.Bench.Echo;
using VoiceFleet.Rpc.Client;

if (!Options.TryParse(args, out var options, out var problem))
{
    await Console.Error.WriteLineAsync($"VoiceFleet.Bench.Client: {problem}\n{Options.Usage}").ConfigureAwait(false);
    return 2;
}

var payload = new byte[options.Payload];
new Random(42).NextBytes(payload);
var request = new Msg { Payload = ByteString.CopyFrom(payload) };

using var channel = GrpcChannel.ForAddress(options.Target);
var client = new EchoClient(channel);

// Warm-up: JIT, connection set-up and HPACK tables, with the same number of calls in flight.
if (options.Warmup > 0)
{
    var warm = await LoadRun.RunAsync(client, request, options.Concurrency, options.Warmup).ConfigureAwait(false);
    if (warm.Failed > 0)
    {
        await Console.Error.WriteLineAsync($"VoiceFleet.Bench.Client: warm-up failed: {warm.FirstError}").ConfigureAwait(false);
    }
}

var run = await LoadRun.RunAsync(client, request, options.Concurrency, options.Requests).ConfigureAwait(false);
Console.WriteLine(run.ToJson(options));
return run.Failed == 0 ? 0 : 1;

namespace VoiceFleet.Bench.Client
{
    /// <summary>Command-line options.</summary>
    internal sealed record Options(Uri Target, int Concurrency, int Requests, int Payload, int Warmup)
    {
        public const string Usage =
            "usage: VoiceFleet.Bench.Client --target http://127.0.0.1:P [--concurrency 1] [--requests 10000] [--payload 1024] [--warmup 1000]";

        public static bool TryParse(string[] args, out Options options, out string problem)
        {
            options = new Options(new Uri("http://127.0.0.1"), 1, 10_000, 1024, 1000);
            Uri? target = null;
            for (var i = 0; i < args.Length; i++)
            {
                var name = args[i];
                if (i + 1 >= args.Length)
                {
                    problem = $"{name} needs a value";
                    return false;
                }

                var value = args[++i];
                switch (name)
                {
                    case "--target":
                        if (!Uri.TryCreate(value, UriKind.Absolute, out target) || target.Scheme != Uri.UriSchemeHttp)
                        {
                            problem = $"--target must be an http:// (h2c) address, not '{value}'";
                            return false;
                        }

                        break;
                    case "--concurrency" or "--requests" or "--payload" or "--warmup":
                        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                            || (number < 1 && name != "--warmup" && name != "--payload"))
                        {
                            problem = $"{name} must be a {(name is "--warmup" or "--payload" ? "non-negative" : "positive")} integer, not '{value}'";
                            return false;
                        }

                        options = name switch
                        {
                            "--concurrency" => options with { Concurrency = number },
                            "--requests" => options with { Requests = number },
                            "--payload" => options with { Payload = number },
                            _ => options with { Warmup = number },
                        };
                        break;
                    default:
                        problem = $"unknown option '{name}'";
                        return false;
                }
            }

            if (target is null)
            {
                problem = "--target is required";
                return false;
            }

            options = options with { Target = target };
            problem = "";
            return true;
        }
    }

    /// <summary>One measured run: <c>requests</c> calls with <c>concurrency</c> of them in flight at any time.</summary>
    internal sealed class LoadRun
    {
        private readonly long[] _latencies;
        private int _next = -1;
        private int _failed;
        private string? _firstError;

        private LoadRun(int requests) => _latencies = new long[requests];

        public int Failed => _failed;

        public string? FirstError => _firstError;

        public double ElapsedSeconds { get; private set; }

        public static async Task<LoadRun> RunAsync(EchoClient client, Msg request, int concurrency, int requests)
        {
            var run = new LoadRun(requests);
            var workers = new Task[Math.Min(concurrency, requests)];
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < workers.Length; i++)
            {
                workers[i] = Task.Run(() => run.WorkAsync(client, request));
            }

            await Task.WhenAll(workers).ConfigureAwait(false);
            run.ElapsedSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            return run;
        }

        public string ToJson(Options options)
        {
            var sorted = (long[])_latencies.Clone();
            Array.Sort(sorted);
            var mean = sorted.Length == 0 ? 0 : sorted.Average();

            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("target", options.Target.ToString());
                json.WriteNumber("concurrency", options.Concurrency);
                json.WriteNumber("requests", options.Requests);
                json.WriteNumber("payload", options.Payload);
                json.WriteNumber("succeeded", _latencies.Length - _failed);
                json.WriteNumber("failed", _failed);
                json.WriteNumber("elapsed_s", Math.Round(ElapsedSeconds, 3));
                json.WriteNumber("rps", Math.Round(_latencies.Length / ElapsedSeconds, 1));
                json.WriteNumber("mean_ms", Math.Round(ToMilliseconds(mean), 3));
                json.WriteNumber("p50_ms", Math.Round(ToMilliseconds(Percentile(sorted, 0.50)), 3));
                json.WriteNumber("p99_ms", Math.Round(ToMilliseconds(Percentile(sorted, 0.99)), 3));
                if (_firstError is not null)
                {
                    json.WriteString("first_error", _firstError);
                }

                json.WriteEndObject();
            }

            return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        private async Task WorkAsync(EchoClient client, Msg request)
        {
            int index;
            while ((index = Interlocked.Increment(ref _next)) < _latencies.Length)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var call = client.CallAsync(request);
                    var response = await call.ResponseAsync.ConfigureAwait(false);
                    _latencies[index] = Stopwatch.GetTimestamp() - start;
                    if (!response.Payload.Span.SequenceEqual(request.Payload.Span))
                    {
                        Fail("the response payload differs from the request's");
                    }
                }
#pragma warning disable CA1031 // A load generator counts every failure and goes on.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    _latencies[index] = Stopwatch.GetTimestamp() - start;
                    Fail($"{ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        private void Fail(string error)
        {
            Interlocked.Increment(ref _failed);
            Interlocked.CompareExchange(ref _firstError, error, null);
        }

        /// <summary>Nearest-rank percentile of sorted Stopwatch tick counts.</summary>
        private static long Percentile(long[] sorted, double p) =>
            sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

        private static double ToMilliseconds(double ticks) => ticks * 1000.0 / Stopwatch.Frequency;
    }
}
