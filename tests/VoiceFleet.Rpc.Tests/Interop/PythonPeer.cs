using VoiceFleet.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace VoiceFleet.Rpc.Tests.Interop;

/// <summary>
/// The reference gRPC peers in tests/interop (Debian python3-grpcio): starts server.py and runs
/// client.py. Missing grpcio fails loudly with what to do; the interop tests are never skipped.
/// </summary>
internal static class PythonPeer
{
    /// <summary>The Debian interpreter, the one that has python3-grpcio.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<Task> GrpcCheck = new(CheckGrpcAsync);

    /// <summary>The repository root: the nearest folder above the test binaries that holds Platform.sln.</summary>
    public static string RepoRoot => RepoPaths.Root;

    /// <summary>tests/interop under the repository root.</summary>
    public static string InteropDirectory => Path.Combine(RepoRoot, "tests", "interop");

    /// <summary>Fails with instructions when <see cref="Python"/> cannot import grpc.</summary>
    public static Task EnsureGrpcAvailableAsync() => GrpcCheck.Value;

    /// <summary>Runs client.py for one case against 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<PythonClientResult> RunClientAsync(string testCase, int port, TimeSpan? timeout = null)
    {
        await EnsureGrpcAvailableAsync();
        using var process = Start(
            Path.Combine(InteropDirectory, "client.py"),
            "--server_host",
            "127.0.0.1",
            "--server_port",
            port.ToString(CultureInfo.InvariantCulture),
            "--test_case",
            testCase);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromSeconds(120);
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new PythonClientResult(-1, await stdout, $"client.py did not finish within {limit.TotalSeconds:0} s and was killed.\n{await stderr}");
        }

        return new PythonClientResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts <c>/usr/bin/python3 script args...</c> in the repository root with stdout and stderr redirected.</summary>
    internal static Process Start(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo(Python)
        {
            WorkingDirectory = RepoRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["PYTHONUNBUFFERED"] = "1";
        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Python} {script}.");
    }

    /// <summary>Asks a process to stop (SIGTERM), as server.py expects.</summary>
    internal static void Terminate(Process process)
    {
        // A failure means it is gone already; a process that ignores the signal is killed by the caller.
        _ = ProcessSignals.Send(process.Id, ProcessSignals.Terminate);
    }

    private static async Task CheckGrpcAsync()
    {
        const string Fix = "Run ./fleet setup (it installs python3-grpcio, python3-protobuf, protobuf-compiler and protobuf-compiler-grpc).";
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} does not exist; the gRPC interop tests need Debian's python3 with python3-grpcio. {Fix}");
        }

        var info = new ProcessStartInfo(Python)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("import grpc, google.protobuf; print(grpc.__version__)");
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Python}. {Fix}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Python} cannot import grpc (exit {process.ExitCode}): {(await stderr).Trim()}{(await stdout).Trim()}. {Fix}");
        }
    }
}

/// <summary>What one client.py run reported.</summary>
internal sealed record PythonClientResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}

/// <summary>A running tests/interop/server.py; stopped (SIGTERM, then kill) on dispose.</summary>
internal sealed class PythonServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stderr;

    private PythonServer(Process process, StringBuilder stderr)
    {
        _process = process;
        _stderr = stderr;
    }

    /// <summary>The port server.py listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>The server's h2c address, for a <see cref="Client.GrpcChannel"/>.</summary>
    public Uri Address => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>What server.py has written to stderr so far.</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts server.py on a free port and waits (up to 60 s) for its <c>listening PORT</c> line.</summary>
    public static async Task<PythonServer> StartAsync(int? maxMessageSize = null)
    {
        await PythonPeer.EnsureGrpcAvailableAsync();
        var arguments = new List<string> { "--port", "0" };
        if (maxMessageSize is { } max)
        {
            arguments.Add("--max_message_size");
            arguments.Add(max.ToString(CultureInfo.InvariantCulture));
        }

        var process = PythonPeer.Start(Path.Combine(PythonPeer.InteropDirectory, "server.py"), [.. arguments]);
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();

        var server = new PythonServer(process, stderr);
        string? line;
        using (var cts = new CancellationTokenSource(StartTimeout))
        {
            try
            {
                line = await process.StandardOutput.ReadLineAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"server.py printed no 'listening <port>' line within {StartTimeout.TotalSeconds:0} s. stderr:\n{server.StandardError}");
            }
        }

        if (line is null)
        {
            // stdout closed: the server exited (bad port, missing stubs, protoc...).
            await server.DisposeAsync();
            throw new InvalidOperationException(
                $"server.py exited before listening (exit {(process.HasExited ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "?")}). " +
                $"If grpcio or protoc is missing, run ./fleet setup. stderr:\n{server.StandardError}");
        }

        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || parts[0] != "listening" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port <= 0)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"server.py printed '{line}', want 'listening <port>'. stderr:\n{server.StandardError}");
        }

        // Nothing else is expected on stdout; drain it anyway so the pipe can never fill up.
        _ = process.StandardOutput.ReadToEndAsync();
        server.Port = port;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                PythonPeer.Terminate(_process);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
            else
            {
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
