// The ONNX Runtime binding benchmark (tests/bench/onnx/run.sh). One command per run; each prints JSON lines.
//
//   models  --out DIR                          writes DIR/add.onnx and DIR/medium.onnx (see BenchModels)
//   latency --model FILE [--calls 10000] [--rounds 31] [--warmup-seconds 2]
//           times OnnxSession.Run (a new output tensor per call) and RunInto (a caller buffer) on the Add
//           model, single-threaded, and ORT's own Run on the same session with values made once ("ort-run",
//           the floor under both: see NativeRunFloor); the three are interleaved round by round. One line each:
//           {"impl":"ours","case":"latency","api":"Run","us_per_call":median,"us_min":…,"us_max":…,
//            "rounds_us":[…],"alloc_bytes_per_call":…,"calls":N,"rounds":R,"us_above_ort_run":…}
//           (us_above_ort_run: median over rounds of this call's time minus ORT's own Run in the same round)
//   memory  --model FILE [--sessions 8]
//           opens one session (library, environment and first-session costs), then N more of the same
//           model, and reports how much the process grew per extra session: RSS (/proc/self/status VmRSS),
//           native heap in use (glibc mallinfo2) and managed heap, once after opening and once after one
//           run of each session, and RSS once more after malloc_trim(0) (what glibc kept after free).
//
// Every session is opened with the settings tests/bench/onnx/node/bench.cjs gives onnxruntime-node: intra-op
// and inter-op threads 1, sequential execution, all graph optimizations, CPU arena and memory pattern on.
// A later 'voices' case (real-time factor of the generated voices) is one more command here and one more
// section in run.sh.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using VoiceFleet.Bench.Onnx;
using VoiceFleet.Onnx;
using VoiceFleet.Onnx.Runtime;

try
{
    return Cli.Execute(args);
}
catch (UsageException ex)
{
    Console.Error.WriteLine($"VoiceFleet.Bench.Onnx: {ex.Message}\n{Cli.Usage}");
    return 2;
}

namespace VoiceFleet.Bench.Onnx
{
    internal static class Cli
    {
        public const string Usage =
            "usage: VoiceFleet.Bench.Onnx models --out DIR\n" +
            "       VoiceFleet.Bench.Onnx latency --model FILE [--calls 10000] [--rounds 31] [--warmup-seconds 2]\n" +
            "       VoiceFleet.Bench.Onnx memory --model FILE [--sessions 8]";

        /// <summary>The session settings both implementations use.</summary>
        public static OnnxSessionOptions SessionOptions { get; } = new()
        {
            IntraOpThreads = 1,
            InterOpThreads = 1,
            ExecutionMode = OnnxExecutionMode.Sequential,
            GraphOptimizationLevel = OnnxGraphOptimizationLevel.All,
            EnableCpuMemArena = true,
            EnableMemPattern = true,
        };

        public static int Execute(string[] args)
        {
            if (args.Length == 0)
            {
                throw new UsageException("no command");
            }

            var options = Options.Parse(args.AsSpan(1));
            switch (args[0])
            {
                case "models":
                    BenchModels.Write(options.Text("--out"));
                    return 0;
                case "latency":
                    Latency.Run(options.Text("--model"), options.Int("--calls", 10_000), options.Int("--rounds", 31), options.Int("--warmup-seconds", 2));
                    return 0;
                case "memory":
                    Memory.Run(options.Text("--model"), options.Int("--sessions", 8));
                    return 0;
                default:
                    throw new UsageException($"unknown command '{args[0]}'");
            }
        }

        /// <summary>Writes one result line.</summary>
        public static void Emit(Dictionary<string, object> fields) => Console.WriteLine(JsonSerializer.Serialize(fields));

        public static OnnxRuntimeEnvironment Environment() =>
            OnnxRuntimeEnvironment.GetOrCreate(new OnnxRuntimeOptions { LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning });
    }

    internal sealed class UsageException(string message) : Exception(message);

    /// <summary>--name value pairs.</summary>
    internal sealed class Options
    {
        private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

        public static Options Parse(ReadOnlySpan<string> args)
        {
            var options = new Options();
            for (var i = 0; i < args.Length; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                {
                    throw new UsageException($"expected --name value, got '{args[i]}'");
                }

                options.values[args[i]] = args[i + 1];
            }

            return options;
        }

        public string Text(string name) => values.TryGetValue(name, out var value) ? value : throw new UsageException($"{name} is required");

        public int Int(string name, int fallback)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new UsageException($"{name} must be a positive integer, not '{text}'");
        }
    }

    /// <summary>Per-call time of Run and RunInto on one session.</summary>
    internal static class Latency
    {
        public static void Run(string modelPath, int calls, int rounds, int warmupSeconds)
        {
            using var session = OnnxSession.Open(modelPath, Cli.SessionOptions, Cli.Environment());
            var input = session.Inputs[0];
            var output = session.Outputs[0];
            var inputs = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
            foreach (var info in session.Inputs)
            {
                var count = (int)info.Shape.Aggregate(1L, (a, d) => a * d);
                var data = new float[count];
                for (var i = 0; i < count; i++)
                {
                    data[i] = (i % 17) * 0.25f;
                }

                inputs[info.Name] = OnnxTensor.Create(data, info.Shape);
            }

            var buffer = OnnxTensor.Allocate(output.ElementType, output.Shape);
            var outputs = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal) { [output.Name] = buffer };

            // Both APIs give the right answer before anything is timed.
            var expected = Expected(session, inputs);
            var result = session.Run(inputs)[output.Name].ToArray<float>();
            session.RunInto(inputs, outputs);
            if (!result.AsSpan().SequenceEqual(expected) || !buffer.AsSpan<float>().SequenceEqual(expected))
            {
                throw new InvalidOperationException($"{Path.GetFileName(modelPath)}: Run or RunInto gave a wrong result");
            }

            // Warm-up: tiered JIT (with PGO) reaches its final code after a few hundred milliseconds of calls.
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed < TimeSpan.FromSeconds(warmupSeconds))
            {
                for (var i = 0; i < 1000; i++)
                {
                    session.Run(inputs);
                    session.RunInto(inputs, outputs);
                }
            }

            using var floor = new NativeRunFloor(session, inputs, buffer);
            floor.Call();
            if (!floor.Output.SequenceEqual(expected))
            {
                throw new InvalidOperationException($"{Path.GetFileName(modelPath)}: ORT's Run called directly gave a wrong result");
            }

            for (var i = 0; i < 100_000; i++)
            {
                floor.Call();
            }

            var run = new Measurement("Run");
            var runInto = new Measurement("RunInto");
            var native = new Measurement("ort-run");
            for (var round = 0; round < rounds; round++)
            {
                // Rotating which goes first keeps a slow moment of the machine from landing on one call only.
                var order = round % 3;
                for (var k = 0; k < 3; k++)
                {
                    switch ((order + k) % 3)
                    {
                        case 0:
                            run.Time(calls, () => session.Run(inputs));
                            break;
                        case 1:
                            runInto.Time(calls, () => session.RunInto(inputs, outputs));
                            break;
                        default:
                            native.Time(calls, floor.Call);
                            break;
                    }
                }
            }

            run.Emit(Path.GetFileName(modelPath), calls, native);
            runInto.Emit(Path.GetFileName(modelPath), calls, native);
            native.Emit(Path.GetFileName(modelPath), calls, null);
            GC.KeepAlive(input);
        }

        /// <summary>The Add model's answer, computed here; other models are checked against a first Run.</summary>
        private static float[] Expected(OnnxSession session, Dictionary<string, OnnxTensor> inputs)
        {
            if (session.Inputs.Count == 2 && session.Outputs.Count == 1)
            {
                var a = inputs[session.Inputs[0].Name].AsSpan<float>();
                var b = inputs[session.Inputs[1].Name].AsSpan<float>();
                var sum = new float[a.Length];
                for (var i = 0; i < sum.Length; i++)
                {
                    sum[i] = a[i] + b[i];
                }

                return sum;
            }

            return session.Run(inputs)[session.Outputs[0].Name].ToArray<float>();
        }

        private sealed class Measurement(string api)
        {
            private readonly List<double> microseconds = [];
            private long allocated;
            private long totalCalls;

            public void Time(int calls, Action call)
            {
                // A delegate call costs about a nanosecond; negligible next to a run.
                var before = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < calls; i++)
                {
                    call();
                }

                var elapsed = Stopwatch.GetElapsedTime(start);
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                totalCalls += calls;
                microseconds.Add(elapsed.TotalMicroseconds / calls);
            }

            public void Emit(string model, int calls, Measurement? floor)
            {
                var sorted = microseconds.Order().ToArray();
                var fields = new Dictionary<string, object>
                {
                    ["impl"] = "ours",
                    ["case"] = "latency",
                    ["model"] = model,
                    ["api"] = api,
                    ["us_per_call"] = Math.Round(sorted[sorted.Length / 2], 3),
                    ["us_min"] = Math.Round(sorted[0], 3),
                    ["us_max"] = Math.Round(sorted[^1], 3),
                    ["rounds_us"] = microseconds.Select(m => Math.Round(m, 3)).ToArray(),
                    ["alloc_bytes_per_call"] = Math.Round((double)allocated / totalCalls, 1),
                    ["calls"] = calls,
                    ["rounds"] = microseconds.Count,
                };
                if (floor is not null)
                {
                    // Batch by batch against ORT's own Run timed next to it: the binding's share of a call.
                    var above = microseconds.Zip(floor.microseconds, (a, b) => a - b).Order().ToArray();
                    fields["us_above_ort_run"] = Math.Round(above[above.Length / 2], 3);
                }

                Cli.Emit(fields);
            }
        }
    }

    /// <summary>
    /// ORT's own <c>Run</c> on the same session through the same function table, with input and output values made
    /// once over pinned arrays: what a call costs with no binding work at all (no validation, no pinning, no
    /// values, no result), the floor under <see cref="OnnxSession.Run"/> and <see cref="OnnxSession.RunInto"/>.
    /// </summary>
    internal sealed unsafe class NativeRunFloor : IDisposable
    {
        private readonly OnnxSession session;
        private readonly OrtApi api;
        private readonly float[][] arrays;
        private readonly OrtValueHandle[] values;
        private readonly nint* inputValues;
        private readonly nint* outputValues;
        private readonly nint* inputNames;
        private readonly nint* outputNames;
        private readonly int inputCount;

        public NativeRunFloor(OnnxSession session, Dictionary<string, OnnxTensor> inputs, OnnxTensor output)
        {
            this.session = session;
            api = session.Api;
            inputCount = session.Inputs.Count;
            arrays = new float[inputCount + 1][];
            values = new OrtValueHandle[inputCount + 1];
            inputValues = (nint*)NativeMemory.Alloc((nuint)inputCount, (nuint)sizeof(nint));
            outputValues = (nint*)NativeMemory.Alloc(1, (nuint)sizeof(nint));
            inputNames = (nint*)NativeMemory.Alloc((nuint)inputCount, (nuint)sizeof(nint));
            outputNames = (nint*)NativeMemory.Alloc(1, (nuint)sizeof(nint));
            for (var i = 0; i <= inputCount; i++)
            {
                var tensor = i < inputCount ? inputs[session.Inputs[i].Name] : output;
                arrays[i] = GC.AllocateArray<float>((int)tensor.ElementCount, pinned: true);
                tensor.AsSpan<float>().CopyTo(arrays[i]);
                var shape = tensor.Shape.ToArray();
                fixed (float* data = arrays[i])
                {
                    values[i] = api.CreateTensorOverMemory(data, (nuint)(arrays[i].Length * sizeof(float)), shape, OnnxElementType.Float);
                }

                if (i < inputCount)
                {
                    inputValues[i] = values[i].Pointer;
                    inputNames[i] = session.InputNamePointers[i];
                }
            }

            outputNames[0] = session.OutputNamePointers[0];
        }

        /// <summary>The output array ORT writes into.</summary>
        public ReadOnlySpan<float> Output => arrays[inputCount];

        /// <summary>One <c>Run</c>.</summary>
        public void Call()
        {
            outputValues[0] = values[inputCount].Pointer;
            var status = api.Run(session.Handle.Pointer, 0, (byte**)inputNames, inputValues, inputCount, (byte**)outputNames, 1, outputValues);
            if (status != 0)
            {
                throw api.ToException(status);
            }
        }

        public void Dispose()
        {
            foreach (var value in values)
            {
                value.Dispose();
            }

            NativeMemory.Free(inputValues);
            NativeMemory.Free(outputValues);
            NativeMemory.Free(inputNames);
            NativeMemory.Free(outputNames);
        }
    }

    /// <summary>Process growth per additional open session of one model.</summary>
    internal static class Memory
    {
        public static void Run(string modelPath, int sessions)
        {
            var environment = Cli.Environment();

            // The first session pays for the library, the environment, kernel registries and the JIT: not counted.
            using var first = OnnxSession.Open(modelPath, Cli.SessionOptions, environment);
            var inputs = Inputs(first);
            first.Run(inputs);
            var baseline = Sample.Take();

            var opened = new List<OnnxSession>();
            try
            {
                for (var i = 0; i < sessions; i++)
                {
                    opened.Add(OnnxSession.Open(modelPath, Cli.SessionOptions, environment));
                }

                var afterOpen = Sample.Take();
                foreach (var session in opened)
                {
                    session.Run(inputs);
                }

                var afterRun = Sample.Take();

                // What of that RSS is memory glibc keeps after free (model-loading buffers) rather than in use.
                var released = NativeMethods.malloc_trim(0) != 0;
                var trimmed = Sample.Take();
                Cli.Emit(new()
                {
                    ["impl"] = "ours",
                    ["case"] = "memory",
                    ["model"] = Path.GetFileName(modelPath),
                    ["model_bytes"] = new FileInfo(modelPath).Length,
                    ["sessions"] = sessions,
                    ["rss_kib_per_session_open"] = PerSession(afterOpen.RssKib - baseline.RssKib, sessions),
                    ["rss_kib_per_session_run"] = PerSession(afterRun.RssKib - baseline.RssKib, sessions),
                    ["rss_kib_per_session_trimmed"] = PerSession(trimmed.RssKib - baseline.RssKib, sessions),
                    ["trim_released"] = released,
                    ["native_kib_per_session_open"] = PerSession(afterOpen.NativeKib - baseline.NativeKib, sessions),
                    ["native_kib_per_session_run"] = PerSession(afterRun.NativeKib - baseline.NativeKib, sessions),
                    ["managed_kib_per_session_run"] = PerSession(afterRun.ManagedKib - baseline.ManagedKib, sessions),
                    ["rss_kib_baseline"] = baseline.RssKib,
                });
            }
            finally
            {
                foreach (var session in opened)
                {
                    session.Dispose();
                }
            }
        }

        private static double PerSession(double kib, int sessions) => Math.Round(kib / sessions, 1);

        private static Dictionary<string, OnnxTensor> Inputs(OnnxSession session)
        {
            var inputs = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
            foreach (var info in session.Inputs)
            {
                inputs[info.Name] = OnnxTensor.Create(new float[(int)info.Shape.Aggregate(1L, (a, d) => a * d)], info.Shape);
            }

            return inputs;
        }

        private readonly record struct Sample(double RssKib, double NativeKib, double ManagedKib)
        {
            public static Sample Take()
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                return new Sample(ReadRssKib(), NativeInUseKib(), GC.GetTotalMemory(forceFullCollection: false) / 1024.0);
            }

            private static double ReadRssKib()
            {
                foreach (var line in File.ReadLines("/proc/self/status"))
                {
                    if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        return double.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    }
                }

                throw new InvalidOperationException("/proc/self/status has no VmRSS line");
            }

            /// <summary>Bytes handed out by glibc malloc (all arenas, mmapped chunks included), in KiB.</summary>
            private static double NativeInUseKib()
            {
                var info = NativeMethods.mallinfo2();
                return (info.uordblks + info.hblkhd) / 1024.0;
            }
        }
    }

    internal static partial class NativeMethods
    {
        /// <summary>glibc's <c>struct mallinfo2</c> (glibc 2.33 and later): every field a size_t.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct MallInfo2
        {
#pragma warning disable CS0649 // Filled by the native call.
            public nuint arena;
            public nuint ordblks;
            public nuint smblks;
            public nuint hblks;
            public nuint hblkhd;
            public nuint usmblks;
            public nuint fsmblks;
            public nuint uordblks;
            public nuint fordblks;
            public nuint keepcost;
#pragma warning restore CS0649
        }

        [LibraryImport("libc", EntryPoint = "mallinfo2")]
        internal static partial MallInfo2 mallinfo2();

        /// <summary>Returns free heap memory to the system; 1 when some was released.</summary>
        [LibraryImport("libc", EntryPoint = "malloc_trim")]
        internal static partial int malloc_trim(nuint pad);
    }
}
