using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VoiceFleet.Hosting.Metrics;

/// <summary>
/// Process and .NET runtime metrics, read when scraped. The process_* names are the standard ones
/// Prometheus client libraries use, so existing dashboards and alerts work; the runtime ones have
/// no standard name and carry the voicefleet_process_ prefix.
/// </summary>
/// <remarks>
/// Each exporter owns its instance, marked as the meter's scope, so exporters of other hosts in
/// the same process (tests run several) do not export it twice.
/// </remarks>
internal sealed class ProcessMetrics : IDisposable
{
    public const string MeterName = "VoiceFleet.Process";

    /// <summary>Series cap for these instruments, which have a few fixed label sets at most.</summary>
    public const int MaxSeries = 16;

    private const string FileDescriptorDirectory = "/proc/self/fd";

    private static readonly KeyValuePair<string, object?>[][] GenerationTags =
    [
        [new("generation", "gen0")],
        [new("generation", "gen1")],
        [new("generation", "gen2")],
    ];

    public ProcessMetrics()
    {
        Meter = new Meter(new MeterOptions(MeterName) { Scope = this });

        var startTimeSeconds = ReadStartTimeSeconds();

        Meter.CreateObservableCounter("process_cpu_seconds_total", static () => Environment.CpuUsage.TotalTime.TotalSeconds,
            unit: "s", description: "Total user and system CPU time spent in seconds.");
        Meter.CreateObservableGauge("process_resident_memory_bytes", static () => Environment.WorkingSet,
            unit: "By", description: "Resident memory size in bytes.");
        Meter.CreateObservableGauge("process_virtual_memory_bytes", ReadVirtualMemoryBytes,
            unit: "By", description: "Virtual memory size in bytes.");
        Meter.CreateObservableGauge("process_start_time_seconds", () => startTimeSeconds,
            unit: "s", description: "Start time of the process since unix epoch in seconds.");
        Meter.CreateObservableGauge("process_open_fds", ReadOpenFileDescriptors,
            description: "Number of open file descriptors.");

        Meter.CreateObservableCounter("voicefleet_process_gc_collections_total", ReadCollections,
            description: "Garbage collections since the process started, by generation.");
        Meter.CreateObservableGauge("voicefleet_process_gc_heap_bytes", static () => GC.GetTotalMemory(forceFullCollection: false),
            unit: "By", description: "Bytes currently thought to be allocated on the managed heap.");
        Meter.CreateObservableCounter("voicefleet_process_gc_allocated_bytes_total", static () => GC.GetTotalAllocatedBytes(),
            unit: "By", description: "Bytes allocated on the managed heap since the process started.");
        Meter.CreateObservableCounter("voicefleet_process_gc_pause_seconds_total", static () => GC.GetTotalPauseDuration().TotalSeconds,
            unit: "s", description: "Time the runtime was paused for garbage collection, in seconds.");
        Meter.CreateObservableGauge("voicefleet_process_threadpool_threads", static () => ThreadPool.ThreadCount,
            description: "Thread pool threads that currently exist.");
        Meter.CreateObservableGauge("voicefleet_process_threadpool_queue_length", static () => ThreadPool.PendingWorkItemCount,
            description: "Work items queued to the thread pool and not yet started; a growing queue means starvation.");
        Meter.CreateObservableCounter("voicefleet_process_threadpool_completed_items_total", static () => ThreadPool.CompletedWorkItemCount,
            description: "Thread pool work items completed since the process started.");
        Meter.CreateObservableCounter("voicefleet_process_lock_contentions_total", static () => Monitor.LockContentionCount,
            description: "Times a thread waited for a contended Monitor lock since the process started.");
    }

    public Meter Meter { get; }

    public void Dispose() => Meter.Dispose();

    private static double ReadStartTimeSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return (process.StartTime.ToUniversalTime() - DateTime.UnixEpoch).TotalSeconds;
    }

    private static long ReadVirtualMemoryBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.VirtualMemorySize64;
    }

    private static IEnumerable<Measurement<long>> ReadOpenFileDescriptors()
    {
        // Only Linux exposes the descriptor table this cheaply; elsewhere the series is absent, not zero.
        if (!OperatingSystem.IsLinux() || !Directory.Exists(FileDescriptorDirectory))
        {
            return [];
        }

        return [new Measurement<long>(Directory.EnumerateFileSystemEntries(FileDescriptorDirectory).LongCount())];
    }

    private static IEnumerable<Measurement<long>> ReadCollections()
    {
        var measurements = new Measurement<long>[GenerationTags.Length];
        for (var generation = 0; generation < GenerationTags.Length; generation++)
        {
            measurements[generation] = new Measurement<long>(GC.CollectionCount(generation), GenerationTags[generation]);
        }

        return measurements;
    }
}
