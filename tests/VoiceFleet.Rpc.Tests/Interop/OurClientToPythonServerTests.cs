using Xunit;

namespace VoiceFleet.Rpc.Tests.Interop;

/// <summary>One tests/interop/server.py (python3-grpcio, 4 MiB message limit) shared by a test class.</summary>
public sealed class PythonServerFixture : IAsyncLifetime
{
    private PythonServer? _server;

    internal PythonServer Server => _server ?? throw new InvalidOperationException("The Python interop server has not started.");

    public async Task InitializeAsync() => _server = await PythonServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>VoiceFleet's client (<see cref="InteropClient"/>) against the real grpcio interop server.</summary>
public sealed class OurClientToPythonServerTests(PythonServerFixture fixture) : IClassFixture<PythonServerFixture>
{
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Cases
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in InteropClient.CaseNames)
            {
                data.Add(name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task InteropCase_PythonServer_Passes(string testCase)
    {
        try
        {
            await InteropClient.RunAsync(testCase, fixture.Server.Address).WaitAsync(CaseTimeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{testCase}: did not finish within {CaseTimeout.TotalSeconds:0} s. server.py stderr:\n{fixture.Server.StandardError}");
        }
    }
}
