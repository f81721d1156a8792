using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using VoiceFleet.Cli.Commands.Synthesis;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;

namespace VoiceFleet.Cli.Commands;

/// <summary>
/// <c>voicefleet batch tasks.jsonl --out DIR</c>: one WAV file per line of a JSONL file (<see cref="BatchTask"/>), several
/// requests at a time. A bad line is reported and skipped, outputs already there are skipped (so a run resumes), each
/// file appears whole or not at all, and a summary ends the run.
/// </summary>
internal static class BatchCommand
{
    /// <summary>Exit code when at least one line failed.</summary>
    private const int SomeFailed = 1;

    /// <summary>Exit code when the run cannot start: the file, <c>--out</c>, <c>--parallel</c>, the API key.</summary>
    private const int CannotStart = 2;

    /// <summary>Exit code when SIGINT/SIGTERM stopped the run.</summary>
    private const int Interrupted = 130;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var tasks = new Argument<string>("tasks") { Description = "The JSONL file: one {\"input_text\", \"output_name\", …} object per line (docs/cli.md)." };
        var outDirectory = new Option<string>("--out") { Description = "The folder to write NAME.wav files into (created if missing).", Required = true };
        var parallel = new Option<int>("--parallel") { Description = "Requests in flight at once, 1–64.", DefaultValueFactory = _ => 4 };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object: done, skipped, failed, audio_seconds, wall_seconds, out, failures." };
        var gateway = SynthesisTarget.GatewayOption();
        var apiKey = SynthesisTarget.ApiKeyOption();
        var command = new Command("batch", "Speak every line of a JSONL file into its own WAV file, several at a time; rerun to resume.")
        {
            tasks, outDirectory, parallel, json, gateway, apiKey,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string[] lines;
            string folder;
            string root;
            Metadata? headers;
            Uri address;
            var degree = parse.GetValue(parallel);
            try
            {
                if (degree is < 1 or > 64)
                {
                    throw new ArgumentException($"--parallel {degree} is out of range: use 1–64.");
                }

                var file = Path.GetFullPath(parse.GetValue(tasks)!);
                folder = Path.GetDirectoryName(file)!;
                lines = await File.ReadAllLinesAsync(file, cancellationToken).ConfigureAwait(false);
                root = Directory.CreateDirectory(parse.GetValue(outDirectory)!).FullName;
                address = SynthesisTarget.Resolve(parse.GetValue(gateway));
                headers = SynthesisTarget.Headers(parse.GetValue(apiKey), address);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or UriFormatException)
            {
                await error.WriteLineAsync($"voicefleet batch: {ex.Message}").ConfigureAwait(false);
                return CannotStart;
            }

            var entries = Read(lines);
            var interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
            var progress = new BatchProgress(error, entries.Count, interactive, TimeProvider.System);
            var failures = new List<(int Line, string? FileName, string Message)>();
            void Fail(int line, string? fileName, string message)
            {
                lock (failures)
                {
                    failures.Add((line, fileName, message));
                }

                progress.Report($"voicefleet batch: line {line}{(fileName is null ? string.Empty : $" ({fileName})")}: {message}");
                progress.Count(BatchOutcome.Failed);
            }

            using var shutdown = ShutdownSignal.Register(cancellationToken);
            using var channel = SynthesisTarget.Connect(address);
            var client = new SynthesisClient(channel);
            var interrupted = false;
            try
            {
                await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = degree, CancellationToken = shutdown.Token }, async (entry, token) =>
                {
                    if (entry.Task is not { } task)
                    {
                        Fail(entry.Line, null, entry.Problem!);
                        return;
                    }

                    var path = Path.Join(root, task.FileName);
                    if (File.Exists(path))
                    {
                        progress.Count(BatchOutcome.Skipped);
                        return;
                    }

                    try
                    {
                        var request = await task.ToRequestAsync(folder, token).ConfigureAwait(false);
                        var result = await SpeechFile.WriteAsync(client, request, path, headers, token).ConfigureAwait(false);
                        progress.Count(BatchOutcome.Done, result.Seconds);
                    }
                    catch (RpcException ex) when (!token.IsCancellationRequested)
                    {
                        Fail(task.Line, task.FileName, $"{ex.StatusCode}: {ex.Status.Detail}{(ex.StatusCode == StatusCode.Unavailable ? " " + SynthesisTarget.UnreachableHint : string.Empty)}");
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && !token.IsCancellationRequested)
                    {
                        Fail(task.Line, task.FileName, ex.Message);
                    }
                }).ConfigureAwait(false);
            }
            catch (Exception ex) when (shutdown.Token.IsCancellationRequested && ex is OperationCanceledException or RpcException)
            {
                interrupted = true;
            }

            progress.Finish();
            if (interrupted)
            {
                await error.WriteLineAsync("voicefleet batch: interrupted; rerun the same command to resume (finished files are kept, none is left half-written).").ConfigureAwait(false);
            }

            failures.Sort((a, b) => a.Line.CompareTo(b.Line));
            await output.WriteLineAsync(parse.GetValue(json)
                ? ToJson(progress, root, failures, interrupted)
                : ToText(progress, root)).ConfigureAwait(false);
            return interrupted ? Interrupted : progress.Failed > 0 ? SomeFailed : 0;
        });
        return command;
    }

    /// <summary>The tasks of the non-blank lines, or what is wrong with each; a second use of an output name is wrong too.</summary>
    private static List<(int Line, BatchTask? Task, string? Problem)> Read(string[] lines)
    {
        var entries = new List<(int Line, BatchTask? Task, string? Problem)>();
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var line = i + 1;
            try
            {
                var task = BatchTask.Parse(lines[i], line);
                if (!names.TryAdd(task.FileName, line))
                {
                    throw new InvalidDataException($"output_name '{task.FileName}' is already line {names[task.FileName]}'s.");
                }

                entries.Add((line, task, null));
            }
            catch (InvalidDataException ex)
            {
                entries.Add((line, null, ex.Message));
            }
        }

        return entries;
    }

    /// <summary><c>done 3, skipped 1, failed 2 · 8.41 s of audio in 3.20 s · /…/out</c>.</summary>
    private static string ToText(BatchProgress progress, string root) => string.Create(
        CultureInfo.InvariantCulture,
        $"done {progress.Done}, skipped {progress.Skipped}, failed {progress.Failed} · {progress.AudioSeconds:0.00} s of audio in {progress.Elapsed.TotalSeconds:0.00} s · {root}");

    /// <summary>
    /// One line: <c>{"done":3,"skipped":0,"failed":2,"audio_seconds":8.41,"wall_seconds":3.2,"out":"/…/out",
    /// "interrupted":false,"failures":[{"line":2,"output_name":null,"error":"not JSON: …"}]}</c>.
    /// </summary>
    private static string ToJson(BatchProgress progress, string root, List<(int Line, string? FileName, string Message)> failures, bool interrupted)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("done", progress.Done);
            json.WriteNumber("skipped", progress.Skipped);
            json.WriteNumber("failed", progress.Failed);
            json.WriteNumber("audio_seconds", Math.Round(progress.AudioSeconds, 3));
            json.WriteNumber("wall_seconds", Math.Round(progress.Elapsed.TotalSeconds, 3));
            json.WriteString("out", root);
            json.WriteBoolean("interrupted", interrupted);
            json.WriteStartArray("failures");
            foreach (var (line, fileName, message) in failures)
            {
                json.WriteStartObject();
                json.WriteNumber("line", line);
                if (fileName is null)
                {
                    json.WriteNull("output_name");
                }
                else
                {
                    json.WriteString("output_name", fileName);
                }

                json.WriteString("error", message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
