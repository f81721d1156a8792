using VoiceFleet.Hosting.ServiceDefaults;
using Xunit;

namespace VoiceFleet.Frontend.Tests;

/// <summary>A bad Frontend option stops the service before it opens a port: exit 2 and a line naming the key.</summary>
public sealed class FrontendConfigurationTests
{
    [Theory]
    [InlineData("--Frontend:MaxInputChars=0", "Frontend:MaxInputChars")]
    [InlineData("--Frontend:EspeakQueueLimit=0", "Frontend:EspeakQueueLimit")]
    [InlineData("--Frontend:LexiconDataDirectory=/nonexistent/pinyin", "Frontend:LexiconDataDirectory")]
    [InlineData("--Frontend:EspeakLibrary=/nonexistent/libespeak-ng.so.1", "Frontend:EspeakLibrary")]
    [InlineData("--Frontend:OverrideLexiconPath=/nonexistent/lexicon.jsonl", "Frontend:OverrideLexiconPath")]
    [InlineData("--Frontend:ModelStoreRoot=/nonexistent/models", "Frontend:ModelStoreRoot")]
    [InlineData("--Frontend:OverrideLexiconCheckInterval=02:00:00", "Frontend:OverrideLexiconCheckInterval")]
    [InlineData("--Frontend:EnglishVoice=not a voice", "Frontend:EnglishVoice")]
    public async Task Run_BadOption_ExitsTwoNamingKey(string argument, string key)
    {
        using var error = new StringWriter();

        var code = await ServiceHost.RunAsync(FrontendApp.Build, ["--Service:GrpcPort=0", "--Service:HttpPort=0", argument], error);

        Assert.Equal(ServiceHost.ConfigurationErrorExitCode, code);
        Assert.Contains($"invalid configuration: {key}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BrokenOverrideLexicon_ExitsTwoNamingLine()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "{\"word\": \"行长\", \"phoneme\": \"hang2\"}\n");
            using var error = new StringWriter();

            var code = await ServiceHost.RunAsync(FrontendApp.Build, ["--Service:GrpcPort=0", "--Service:HttpPort=0", $"--Frontend:OverrideLexiconPath={file}"], error);

            Assert.Equal(2, code);
            Assert.Contains("line 1", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
