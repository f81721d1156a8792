using System.Diagnostics;
using VoiceFleet.Onnx.Runtime;
using Xunit;

namespace VoiceFleet.Onnx.Tests.Runtime;

[Collection(OnnxRuntimeTestGroup.Name)]
public sealed class OnnxSessionCancellationTests(OnnxRuntimeFixture fixture)
{
    [Fact]
    public async Task Cancel_DuringALongRun_StopsTheNativeRun()
    {
        using var session = OnnxSession.FromBytes(TestModels.SlowMatMulChain(), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);
        var x = OnnxTensor.Create(new float[1024 * 1024], 1024, 1024);
        using var cancel = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var cancelledAt = TimeSpan.Zero;
        cancel.Token.Register(() => cancelledAt = clock.Elapsed);

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Run(() =>
        {
            // Armed here, so a slow thread pool cannot make the token fire before the run starts.
            cancel.CancelAfter(TimeSpan.FromMilliseconds(50));
            return session.Run(Inputs.Of(("X", x)), cancellationToken: cancel.Token);
        }));
        var stoppedAfter = clock.Elapsed - cancelledAt;

        // ORT stopped it (the cause is its terminate error) at its next step (one MatMul, tens of milliseconds),
        // not after the 64 steps (seconds) of the whole run.
        Assert.IsType<OnnxRuntimeException>(error.InnerException);
        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.True(stoppedAfter < TimeSpan.FromSeconds(1), $"the run went on for {stoppedAfter} after the cancellation");
    }

    [Fact]
    public void AlreadyCancelled_ThrowsBeforeRunning()
    {
        using var session = OnnxSession.FromBytes(TestModels.Add(), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);

        Assert.Throws<OperationCanceledException>(() => session.Run(
            Inputs.Of(("X", OnnxTensor.Create(new float[] { 1, 2, 3 }, 1, 3)), ("B", OnnxTensor.Create(new float[] { 1, 1, 1 }, 1, 3))),
            cancellationToken: new CancellationToken(canceled: true)));
    }

    [Fact]
    public void CancellableToken_NotCancelled_RunsNormally()
    {
        using var session = OnnxSession.FromBytes(TestModels.Add(), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);
        using var cancel = new CancellationTokenSource();

        var result = session.Run(
            Inputs.Of(("X", OnnxTensor.Create(new float[] { 1, 2, 3 }, 1, 3)), ("B", OnnxTensor.Create(new float[] { 1, 1, 1 }, 1, 3))),
            cancellationToken: cancel.Token);

        Assert.Equal([2f, 3f, 4f], result["Y"].ToArray<float>());
    }
}
