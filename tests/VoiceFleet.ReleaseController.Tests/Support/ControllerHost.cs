using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.CanaryAnalysis;
using VoiceFleet.Testing;

namespace VoiceFleet.ReleaseController.Tests.Support;

/// <summary>The real controller on loopback over a given SQLite file, with a manual clock and (optionally) scripted metrics.</summary>
internal static class ControllerHost
{
    /// <summary>Slots declared in configuration (no GrpcUrl): blue serves v21, green v23.</summary>
    public static readonly string[] DeclaredSlots =
        ["--ReleaseController:Slots:Blue:ModelVersion=v21", "--ReleaseController:Slots:Green:ModelVersion=v23"];

    public static Task<RunningService> StartAsync(string database, ManualTimeProvider clock, IMetricsSource? metrics, params string[] extra) =>
        RunningService.StartAsync(
            args => ReleaseControllerApp.Build(args, services =>
            {
                services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
                if (metrics is not null)
                {
                    services.Replace(ServiceDescriptor.Singleton(metrics));
                }
            }),
            [$"--ReleaseController:Storage:SqlitePath={database}", .. extra]);

    public static string NewDatabase() => Path.Join(Path.GetTempPath(), $"voicefleet-rc-test-{Guid.NewGuid():N}.db");

    public static void Delete(string database)
    {
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>A short plan without the shadow gates (the declared slots cannot be called) and without pre-rollout.</summary>
    public static ReleasePlan QuickPlan(int steps = 3, int windowSeconds = 30)
    {
        var plan = new ReleasePlan { SkipPreRollout = true, Gates = new GateThresholds() };
        int[] weights = steps switch { 1 => [10000], 2 => [5000, 10000], _ => [100, 2000, 10000] };
        foreach (var weight in weights)
        {
            plan.Steps.Add(new ReleaseStep { CanaryWeightBps = weight, ObservationWindow = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(windowSeconds)) });
        }

        plan.Gates.DisabledGates.Add(GateKind.SpeakerSimilarity);
        plan.Gates.DisabledGates.Add(GateKind.EmotionAgreement);
        return plan;
    }
}
