using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceFleet.Hosting.ServiceDefaults;

namespace VoiceFleet.Hosting.Tests;

public sealed class ServiceHostTests
{
    private static readonly string[] PortZero = ["--Service:GrpcPort=0", "--Service:HttpPort=0", "--Logging:LogLevel:Default=Warning"];

    [Fact]
    public async Task RunAsync_PortOutOfRange_ExitsTwoNamingTheKey()
    {
        using var error = new StringWriter();

        var exit = await ServiceHost.RunAsync(BuildEmpty, ["--Service:GrpcPort=99999", "--Service:HttpPort=0"], error);

        Assert.Equal(ServiceHost.ConfigurationErrorExitCode, exit);
        Assert.Contains("invalid configuration: Service:GrpcPort:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DrainDelayNotShorterThanShutdownTimeout_ExitsTwoNamingBoth()
    {
        using var error = new StringWriter();

        var exit = await ServiceHost.RunAsync(BuildEmpty, [.. PortZero, "--Service:DrainDelay=00:00:05", "--Service:ShutdownTimeout=00:00:02"], error);

        Assert.Equal(ServiceHost.ConfigurationErrorExitCode, exit);
        Assert.Contains("Service:DrainDelay:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Service:ShutdownTimeout:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBuilder_EnvironmentAndCommandLine_CommandLineWinsOverEnvironmentOverFile()
    {
        const string Key = "VOICEFLEET__HostTest__Precedence";
        Environment.SetEnvironmentVariable(Key, "environment");
        try
        {
            var fromEnvironment = ServiceHost.CreateBuilder("test", PortZero).Configuration["HostTest:Precedence"];
            var fromCommandLine = ServiceHost.CreateBuilder("test", [.. PortZero, "--HostTest:Precedence=command-line"]).Configuration["HostTest:Precedence"];

            Assert.Equal("environment", fromEnvironment);
            Assert.Equal("command-line", fromCommandLine);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Key, null);
        }
    }

    [Fact]
    public void CreateBuilder_LogFormatUpperCase_Accepted()
    {
        using var app = ServiceHost.CreateBuilder("test", [.. PortZero, "--Service:LogFormat=JSON"]).Build();

        Assert.Equal("JSON", app.Services.GetRequiredService<IOptions<ServiceOptions>>().Value.LogFormat);
    }

    [Fact]
    public async Task RunAsync_SupervisorGone_ServiceStopsItself()
    {
        using var supervisor = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await supervisor.WaitForExitAsync();
        using var error = new StringWriter();

        var run = ServiceHost.RunAsync(BuildEmpty, [.. PortZero, $"--Service:ParentProcessId={supervisor.Id}"], error);

        Assert.Same(run, await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(20))));
        Assert.Equal(0, await run);
    }

    private static WebApplication BuildEmpty(string[] args)
    {
        var app = ServiceHost.CreateBuilder("test", args).Build();
        app.MapServiceDefaults();
        return app;
    }
}
