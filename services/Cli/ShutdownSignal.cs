using System.Runtime.InteropServices;

namespace VoiceFleet.Cli;

/// <summary>A token cancelled by SIGINT (Ctrl-C) or SIGTERM, which are then handled here instead of ending the process.</summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    private ShutdownSignal(CancellationToken linkedToken)
    {
        _cts = CancellationTokenSource.CreateLinkedTokenSource(linkedToken);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _cts.Token;

    public static ShutdownSignal Register(CancellationToken linkedToken) => new(linkedToken);

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _cts.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _cts.Cancel();
    }
}
