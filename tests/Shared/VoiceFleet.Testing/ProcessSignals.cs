using System.Runtime.InteropServices;

namespace VoiceFleet.Testing;

/// <summary>Sends POSIX signals to processes a test started (Process.Kill only sends SIGKILL).</summary>
public static partial class ProcessSignals
{
    /// <summary>SIGINT, as Ctrl-C sends.</summary>
    public const int Interrupt = 2;

    /// <summary>SIGTERM, as supervisors send to ask for a graceful stop.</summary>
    public const int Terminate = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="processId"/>; false when the process is gone.</summary>
    public static bool Send(int processId, int signal) => Kill(processId, signal) == 0;

    [DllImport("libc", EntryPoint = "kill")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
