using VoiceFleet.Onnx.Runtime;
using Xunit;

namespace VoiceFleet.Onnx.Tests.Runtime;

[Collection(OnnxRuntimeTestGroup.Name)]
public sealed class OnnxSessionConcurrencyTests(OnnxRuntimeFixture fixture)
{
    [Fact]
    public async Task ConcurrentRuns_OnOneSession_EachGetTheirOwnResult()
    {
        using var session = OnnxSession.FromBytes(TestModels.Add(), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);

        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                var x = new float[] { worker, i, worker * i, 1, 2, 3 };
                var result = session.Run(Inputs.Of(("X", OnnxTensor.Create(x, 2, 3)), ("B", OnnxTensor.Create(new float[] { worker, worker, worker }, 1, 3))));
                Assert.Equal(x.Select(v => v + worker), result["Y"].ToArray<float>());
            }
        }));

        await Task.WhenAll(workers);
    }

    [Fact]
    public async Task Dispose_DuringARun_WaitsForItBeforeReleasingTheSession()
    {
        var session = OnnxSession.FromBytes(TestModels.SlowMatMulChain(), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);
        using var cancel = new CancellationTokenSource();
        using var started = new ManualResetEventSlim();
        var x = OnnxTensor.Create(new float[1024 * 1024], 1024, 1024);
        var run = Task.Factory.StartNew(
            () =>
            {
                started.Set();
                return session.Run(Inputs.Of(("X", x)), cancellationToken: cancel.Token);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        // The run is well inside ORT (a few of its 64 steps) by the time the session is disposed.
        started.Wait();
        await Task.Delay(200);
        session.Dispose();

        // The native session is still in use: the run neither crashed nor ended.
        Assert.False(run.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Throws<ObjectDisposedException>(() => session.Run(Inputs.Of(("X", x))));
    }
}
