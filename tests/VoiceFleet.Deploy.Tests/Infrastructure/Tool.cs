using System.Diagnostics;

namespace VoiceFleet.Deploy.Tests.Infrastructure;

/// <summary>The outcome of one external tool run.</summary>
internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Describe() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}

/// <summary>Runs the real tools these checks rely on (kubectl, promtool, node), each with a time limit.</summary>
internal static class Tool
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>The absolute path of <paramref name="name"/> on PATH (or /usr/bin), or a failure that says how to get it.</summary>
    public static string Find(string name, string howToGet)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin");
        foreach (var dir in dirs)
        {
            var candidate = System.IO.Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{name} was not found on PATH: {howToGet}");
    }

    public static async Task<ToolResult> RunAsync(string file, IEnumerable<string> arguments, string? workingDirectory = null, string? standardInput = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repo.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        using var timeout = new CancellationTokenSource(Limit);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), timeout.Token);
            process.StandardInput.Close();
        }

        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} ran longer than {Limit.TotalSeconds} s.");
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }
}
