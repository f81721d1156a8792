using Xunit;

namespace VoiceFleet.Cli.Tests;

public sealed class UpCommandTests
{
    [Fact]
    public async Task RunAsync_BadSlots_ExitsTwoWithMessage()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApp.RunAsync(["up", "--slots", "purple=v1"], output, error);

        Assert.Equal(2, exit);
        Assert.Contains("unknown slot 'purple'", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task RunAsync_ServicesMissing_ExitsOneNamingTheBuildCommand()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var empty = Directory.CreateTempSubdirectory("voicefleet-empty-");
        try
        {
            var exit = await CliApp.RunAsync(["up", "--services-dir", empty.FullName], output, error);

            Assert.Equal(1, exit);
            Assert.Contains("dotnet build Platform.sln", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_UnknownCommand_ExitsNonZero()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApp.RunAsync(["frobnicate"], output, error);

        Assert.NotEqual(0, exit);
    }
}
