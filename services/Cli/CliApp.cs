using System.CommandLine;
using VoiceFleet.Cli.Commands;

namespace VoiceFleet.Cli;

/// <summary>The <c>voicefleet</c> command tree.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("VoiceFleet: expressive text-to-speech served as a fleet, with safe canary releases of voice models.")
        {
            UpCommand.Create(output, error),
        };

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await root.Parse(args).InvokeAsync(configuration).ConfigureAwait(false);
    }
}
