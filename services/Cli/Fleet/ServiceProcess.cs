using System.Diagnostics;
using System.Runtime.InteropServices;

namespace VoiceFleet.Cli.Fleet;

/// <summary>
/// One child service process: started with its configuration in <c>VOICEFLEET__</c> variables, its
/// output forwarded line by line with a <c>[name]</c> prefix, stopped with SIGTERM (graceful drain)
/// and killed only if it does not exit in time.
/// </summary>
internal sealed partial class ServiceProcess : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly TextWriter _log;
    private readonly Lock _logGate;
    private readonly Queue<string> _recentOutput = new();

    private ServiceProcess(FleetMember member, Process process, TextWriter log, Lock logGate)
    {
        Member = member;
        _process = process;
        _log = log;
        _logGate = logGate;
    }

    public FleetMember Member { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Completes when the process exits.</summary>
    public Task Exited => _process.WaitForExitAsync();

    public static ServiceProcess Start(FleetMember member, string assemblyPath, TextWriter log, Lock logGate)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
        };
        start.ArgumentList.Add(assemblyPath);
        start.Environment["VOICEFLEET__Service__BindAddress"] = "127.0.0.1";
        start.Environment["VOICEFLEET__Service__GrpcPort"] = member.GrpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["VOICEFLEET__Service__HttpPort"] = member.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DOTNET_NOLOGO"] = "1";

        // The service stops itself if this supervisor dies without stopping it.
        start.Environment["VOICEFLEET__Service__ParentProcessId"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Shorter than the supervisor's own grace period, so services drain and exit before being killed.
        start.Environment["VOICEFLEET__Service__ShutdownTimeout"] = "00:00:10";
        foreach (var (key, value) in member.Settings)
        {
            start.Environment["VOICEFLEET__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ServiceProcess(member, process, log, logGate);
        process.OutputDataReceived += (_, e) => child.Forward(e.Data);
        process.ErrorDataReceived += (_, e) => child.Forward(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {member.Name} ({assemblyPath}).");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The last lines the process wrote, for error reports.</summary>
    public string RecentOutput()
    {
        lock (_logGate)
        {
            return string.Join(Environment.NewLine, _recentOutput);
        }
    }

    /// <summary>Asks the process to stop (SIGTERM), waits up to <paramref name="grace"/>, then kills it.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (NativeMethods.Kill(_process.Id, SigTerm) != 0)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash would end it.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
    }

    private void Forward(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            _recentOutput.Enqueue(line);
            if (_recentOutput.Count > 40)
            {
                _recentOutput.Dequeue();
            }

            _log.WriteLine($"[{Member.Name}] {line}");
        }
    }

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static partial int Kill(int pid, int signal);
    }
}
