using System.Diagnostics;
using System.Reflection;
using Google.Protobuf.Reflection;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Contracts.Tests;

/// <summary>The committed service code matches the protos it is generated from.</summary>
public sealed class GeneratedCodeTests
{
    public static TheoryData<string> ServiceFiles => new()
    {
        "grpc.health.v1.Health",
        "voicefleet.v1.TextFrontend",
        "voicefleet.v1.Encoders",
        "voicefleet.v1.Synthesis",
        "voicefleet.v1.ReleaseControl",
    };

    [Fact]
    public async Task Generate_Check_CommittedFilesAreCurrent()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        start.ArgumentList.Add(RepoPaths.Combine("tools", "codegen", "generate.sh"));
        start.ArgumentList.Add("--check");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"Generated code is stale or could not be checked (exit {process.ExitCode}); run tools/codegen/generate.sh.\n{output}");
    }

    [Theory]
    [MemberData(nameof(ServiceFiles))]
    public void Contract_EveryProtoMethod_HasMatchingDescriptor(string serviceName)
    {
        var service = FindService(serviceName);
        var contract = typeof(SynthesisContract).Assembly.GetTypes()
            .Single(t => t.Name == service.Name + "Contract" && t.GetField("ServiceName")?.GetRawConstantValue() as string == serviceName);

        foreach (var protoMethod in service.Methods)
        {
            var field = contract.GetField(protoMethod.Name, BindingFlags.Public | BindingFlags.Static);
            Assert.True(field is not null, $"{serviceName}/{protoMethod.Name} has no descriptor.");
            var method = (IMethod)field!.GetValue(null)!;
            Assert.Equal($"/{serviceName}/{protoMethod.Name}", method.FullName);
            Assert.Equal(ExpectedType(protoMethod), method.Type);
            Assert.Equal(protoMethod.InputType.ClrType, field.FieldType.GetGenericArguments()[0]);
            Assert.Equal(protoMethod.OutputType.ClrType, field.FieldType.GetGenericArguments()[1]);
        }
    }

    private static ServiceDescriptor FindService(string fullName)
    {
        FileDescriptor[] files =
        [
            Grpc.Health.V1.HealthReflection.Descriptor,
            FrontendReflection.Descriptor,
            EncodersReflection.Descriptor,
            SynthesisReflection.Descriptor,
            ReleaseReflection.Descriptor,
        ];
        return files.SelectMany(f => f.Services).Single(s => s.FullName == fullName);
    }

    private static MethodType ExpectedType(MethodDescriptor method) => (method.IsClientStreaming, method.IsServerStreaming) switch
    {
        (false, false) => MethodType.Unary,
        (true, false) => MethodType.ClientStreaming,
        (false, true) => MethodType.ServerStreaming,
        _ => MethodType.DuplexStreaming,
    };
}
