using System.CommandLine;
using System.Diagnostics;
using VoiceFleet.ModelForge;

namespace VoiceFleet.Cli.Commands;

/// <summary><c>voicefleet models …</c>: work with model stores.</summary>
internal static class ModelsCommand
{
    public static Command Create(TextWriter output, TextWriter error) => new("models", "Work with model stores and the generated test voices.")
    {
        CreateForge(output, error),
        CreateCalibrate(output, error),
    };

    private static Command CreateCalibrate(TextWriter output, TextWriter error)
    {
        var file = new Option<string>("--out") { Description = "Where to write the calibration (the forge ships services/Shared/ModelForge/Encoders/calibration.json).", Required = true };
        var command = new Command("calibrate", "Fit the generated speaker and emotion encoders to the generated voices and write the calibration the forge ships (for maintainers of the forge).")
        {
            file,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!);
            try
            {
                await File.WriteAllBytesAsync(path, new Forge().CalibrationJson(cancellationToken), cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"wrote {path}").ConfigureAwait(false);
                return 0;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException)
            {
                await error.WriteLineAsync($"voicefleet models calibrate: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    private static Command CreateForge(TextWriter output, TextWriter error)
    {
        var directory = new Argument<string>("dir") { Description = "The model store to write into (created if missing)." };
        var replace = new Option<bool>("--replace") { Description = "Rewrite bundles that already exist (default: keep them)." };
        var recalibrate = new Option<bool>("--recalibrate") { Description = "Fit the encoders to the voices anew (about 20 s) even when the shipped calibration still matches them." };
        var command = new Command("forge", "Generate VoiceFleet's deterministic test models (voices v21, v23, v-slow, v-noisy, v-drift; two-stage and Piper copies; speaker and emotion encoders) into a model store.")
        {
            directory, replace, recalibrate,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = parse.GetValue(directory)!;
            var stopwatch = Stopwatch.StartNew();
            try
            {
                var bundles = new Forge().Run(root, parse.GetValue(replace), parse.GetValue(recalibrate), cancellationToken);
                foreach (var bundle in bundles)
                {
                    await output.WriteLineAsync($"{(bundle.Written ? "wrote" : "kept ")} {bundle.Name}/{bundle.Version}  {bundle.Directory}").ConfigureAwait(false);
                }

                await output.WriteLineAsync(FormattableString.Invariant($"forged {bundles.Count(b => b.Written)} of {bundles.Count} bundles into {Path.GetFullPath(root)} in {stopwatch.Elapsed.TotalSeconds:F1} s")).ConfigureAwait(false);
                return 0;
            }
            catch (DllNotFoundException ex)
            {
                await error.WriteLineAsync($"voicefleet models forge: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"voicefleet models forge: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }
}
