using VoiceFleet.Hosting.ServiceDefaults;
using Xunit;

namespace VoiceFleet.Encoders.Tests.Service;

/// <summary>Bad Encoders options stop the start with exit code 2 and a line naming the key.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("--Encoders:ModelStoreRoot=/no/such/dir", "invalid configuration: Encoders:ModelStoreRoot: ModelStoreRoot '/no/such/dir' is not a directory.")]
    [InlineData("--Encoders:SpeakerEncoder=Forge Speaker", "invalid configuration: Encoders:SpeakerEncoder:")]
    [InlineData("--Encoders:MaxConcurrentEncodes=0", "invalid configuration: Encoders:MaxConcurrentEncodes:")]
    [InlineData("--Encoders:ReferenceAudio:MinSeconds=40", "invalid configuration: Encoders:ReferenceAudio:MinSeconds:")]
    [InlineData("--Encoders:Storage:Provider=mysql", "invalid configuration: Encoders:Storage:Provider: Provider must be 'sqlite' or 'postgres'.")]
    [InlineData("--Encoders:Storage:Provider=postgres", "invalid configuration: Encoders:Storage:ConnectionString: ConnectionString is required")]
    [InlineData("--Encoders:TextEmotion:Engine=onnx", "invalid configuration: Encoders:TextEmotion:ModelPath:")]
    [InlineData("--Encoders:Cache:MemoryEntries=-1", "invalid configuration: Encoders:Cache:MemoryEntries:")]
    public async Task RunAsync_BadOption_ExitsTwoNamingTheKey(string argument, string expected)
    {
        using var error = new StringWriter();

        var exit = await ServiceHost.RunAsync(EncodersApp.Build, ["--Service:GrpcPort=0", "--Service:HttpPort=0", argument], error);

        Assert.Equal(ServiceHost.ConfigurationErrorExitCode, exit);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }
}
