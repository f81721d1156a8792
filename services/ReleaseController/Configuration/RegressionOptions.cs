using System.ComponentModel.DataAnnotations;

namespace VoiceFleet.ReleaseController.Configuration;

/// <summary>The pre-rollout golden-set regression; configuration section <c>ReleaseController:Regression</c>.</summary>
public sealed class RegressionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ReleaseController:Regression";

    /// <summary>Folder of golden sets (<c>NAME.jsonl</c>); empty = the <c>eval</c> folder shipped beside the service.</summary>
    public string EvalDirectory { get; set; } = string.Empty;

    /// <summary>The golden set used when a plan names none.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "DefaultGoldenSet must be a file name without extension (A-Z a-z 0-9 . _ -).")]
    public string DefaultGoldenSet { get; set; } = "golden";

    /// <summary>Where the audio of each evaluation run is written (one folder per run); empty = <c>~/.local/share/voicefleet/evaluations</c>.</summary>
    public string ArtifactsDirectory { get; set; } = string.Empty;

    /// <summary>Preset speaker of every regression (and shadow) request; empty = the model's default speaker.</summary>
    public string Voice { get; set; } = string.Empty;

    /// <summary>Seed of every regression (and shadow) request, so both versions get the same noise.</summary>
    public ulong Seed { get; set; } = 7;

    /// <summary>Items per emotion taken from the golden set, in file order; 0 = all.</summary>
    [Range(0, 100_000)]
    public int ItemsPerEmotion { get; set; }

    /// <summary>Items synthesised at once (each on both slots, one after the other).</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 2;

    /// <summary>The eval folder in use.</summary>
    public string ResolvedEvalDirectory => string.IsNullOrWhiteSpace(EvalDirectory) ? Path.Join(AppContext.BaseDirectory, "eval") : Path.GetFullPath(EvalDirectory);

    /// <summary>The artifacts folder in use.</summary>
    public string ResolvedArtifactsDirectory => string.IsNullOrWhiteSpace(ArtifactsDirectory)
        ? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "voicefleet", "evaluations")
        : Path.GetFullPath(ArtifactsDirectory);
}
