using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VoiceFleet.Hosting.ServiceDefaults;

/// <summary>
/// Stops the service when its supervisor (<see cref="ServiceOptions.ParentProcessId"/>) is gone, so a
/// supervisor killed without a chance to clean up leaves no orphaned services holding ports.
/// </summary>
internal sealed partial class ParentProcessWatcher(
    IOptions<ServiceOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider timeProvider,
    ILogger<ParentProcessWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var parentId = options.Value.ParentProcessId;
        if (parentId == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!IsAlive(parentId))
                {
                    LogParentGone(logger, parentId);
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping anyway.
        }
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Supervisor process {ParentProcessId} is gone; stopping.")]
    private static partial void LogParentGone(ILogger logger, int parentProcessId);
}
