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
            DemoCommand.Create(output, error),
            ModelsCommand.Create(output, error),
            VoicesCommand.Create(output, error),
            EmotionCommand.Create(output, error),
            G2pCommand.Create(output, error),
            ReleaseCommand.Create(output, error),
            SayCommand.Create(output, error),
            BatchCommand.Create(output, error),
            KeysCommand.Create(output, error),
        };

        // Commands that run until interrupted handle SIGINT/SIGTERM themselves (see ShutdownSignal),
        // so they can stop their children and exit 0 instead of being cut off.
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        return await root.Parse(args).InvokeAsync(configuration).ConfigureAwait(false);
    }
}
