using System.Diagnostics;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Fleet.Tests;

/// <summary>Starts the built <c>voicefleet</c> CLI of the same configuration as this test assembly.</summary>
internal static class CliProcess
{
    public static Process Start(params string[] args)
    {
        // In .artifacts/bin/VoiceFleet.Cli/<configuration>/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var cli = RepoPaths.Combine(".artifacts", "bin", "VoiceFleet.Cli", configuration, "voicefleet.dll");
        Assert.True(File.Exists(cli), $"The CLI is not built at {cli}.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("voicefleet did not start.");
    }

    /// <summary>Runs the CLI to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
