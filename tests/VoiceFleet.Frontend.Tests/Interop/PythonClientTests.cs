using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Frontend.Tests.Interop;

/// <summary>A real gRPC peer, Debian's python3-grpcio, calls the Frontend: messages and statuses decode as the protos say.</summary>
public sealed class PythonClientTests : IAsyncLifetime
{
    private RunningService? service;

    public async Task InitializeAsync() => service = await RunningService.StartAsync(FrontendApp.Build);

    public async Task DisposeAsync()
    {
        if (service is not null)
        {
            await service.DisposeAsync();
        }
    }

    [Fact]
    public async Task Analyze_FromPythonGrpcio_DecodesSentencesAndStatus()
    {
        var script = RepoPaths.Combine("tests", "VoiceFleet.Frontend.Tests", "Interop", "frontend_client.py");
        var start = new ProcessStartInfo("/usr/bin/python3", [script, "--repo", RepoPaths.Root, "--port", service!.GrpcAddress.Port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"frontend_client.py failed ({process.ExitCode}); python3-grpcio, protoc and grpc_python_plugin come from ./fleet setup:\n{await stderr}");
        var result = JsonDocument.Parse(await stdout).RootElement;
        Assert.Equal(2, result.GetProperty("sentences").GetInt32());
        Assert.Equal("银行的行长来了。", result.GetProperty("text").GetString());
        Assert.Equal("PHONEME_ALPHABET_PINYIN", result.GetProperty("alphabet").GetString());
        Assert.Equal(["yin2", "hang2", "de5", "hang2", "zhang3", "lai2", "le5"], result.GetProperty("syllables").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("həlˈoʊ ðˈɛɹ!", result.GetProperty("english").GetString());
        Assert.Equal("INVALID_ARGUMENT", result.GetProperty("bad").GetProperty("code").GetString());
        Assert.StartsWith("ssml: line 2, column", result.GetProperty("bad").GetProperty("details").GetString(), StringComparison.Ordinal);
    }
}
