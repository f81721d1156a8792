using VoiceFleet.Onnx.Runtime;
using Xunit;

namespace VoiceFleet.Onnx.Tests.Runtime;

/// <summary>
/// A session reuses the native values over its callers' memory from one run to the next when nothing about the
/// memory changed; these check that no change (data, slice, shape, array, concurrent use, dispose) is missed.
/// </summary>
[Collection(OnnxRuntimeTestGroup.Name)]
public sealed class OnnxSessionValueCacheTests(OnnxRuntimeFixture fixture) : IDisposable
{
    private readonly OnnxSession add = OnnxSession.FromBytes(TestModels.Add(), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);

    public void Dispose() => add.Dispose();

    private static OnnxTensor Ones => OnnxTensor.Create(new float[] { 1, 1, 1 }, 1, 3);

    [Fact]
    public void SameTensor_WithNewData_IsReadAgain()
    {
        var data = new float[] { 1, 2, 3 };
        var inputs = Inputs.Of(("X", OnnxTensor.Create(data, 1, 3)), ("B", Ones));

        var first = add.Run(inputs)["Y"].ToArray<float>();
        data[0] = 100;
        var second = add.Run(inputs)["Y"].ToArray<float>();

        Assert.Equal([2f, 3f, 4f], first);
        Assert.Equal([101f, 3f, 4f], second);
    }

    [Fact]
    public void SlicesOfOneArray_AtOtherOffsetsOrWithOtherShapes_AreEachReadWhereTheyAre()
    {
        var backing = new float[] { 1, 2, 3, 4, 5, 6 };

        var whole = add.Run(Inputs.Of(("X", OnnxTensor.Create(backing, 2, 3)), ("B", Ones)))["Y"];
        var firstRow = add.Run(Inputs.Of(("X", OnnxTensor.Create(backing.AsMemory(0, 3), 1, 3)), ("B", Ones)))["Y"];
        var secondRow = add.Run(Inputs.Of(("X", OnnxTensor.Create(backing.AsMemory(3, 3), 1, 3)), ("B", Ones)))["Y"];
        var wholeAgain = add.Run(Inputs.Of(("X", OnnxTensor.Create(backing, 2, 3)), ("B", Ones)))["Y"];

        Assert.Equal([2f, 3f, 4f, 5f, 6f, 7f], whole.ToArray<float>());
        Assert.Equal([2f, 3f, 4f], firstRow.ToArray<float>());
        Assert.Equal([5f, 6f, 7f], secondRow.ToArray<float>());
        Assert.Equal([2L, 3L], wholeAgain.Shape);
        Assert.Equal(whole.ToArray<float>(), wholeAgain.ToArray<float>());
    }

    [Fact]
    public void ManyShortLivedArrays_ThroughGarbageCollections_AreAlwaysReadRight()
    {
        for (var i = 0; i < 200; i++)
        {
            // New arrays every run, and collections that compact the heap: addresses get reused and move.
            var x = new float[] { i, i + 1, i + 2 };
            var y = add.Run(Inputs.Of(("X", OnnxTensor.Create(x, 1, 3)), ("B", Ones)))["Y"].ToArray<float>();
            Assert.Equal([i + 1f, i + 2f, i + 3f], y);
            if (i % 50 == 0)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            }
        }
    }

    [Fact]
    public void RunInto_AlternatingBuffers_AreEachWritten()
    {
        var inputs = Inputs.Of(("X", OnnxTensor.Create(new float[] { 1, 2, 3 }, 1, 3)), ("B", Ones));
        var a = OnnxTensor.Allocate(OnnxElementType.Float, 1, 3);
        var b = OnnxTensor.Allocate(OnnxElementType.Float, 1, 3);
        var backing = new float[6];
        var slice = OnnxTensor.Create(backing.AsMemory(3, 3), 1, 3);

        add.RunInto(inputs, Inputs.Of(("Y", a)));
        add.RunInto(inputs, Inputs.Of(("Y", b)));
        a.AsSpan<float>().Clear();
        add.RunInto(inputs, Inputs.Of(("Y", a)));
        add.RunInto(inputs, Inputs.Of(("Y", slice)));

        Assert.Equal([2f, 3f, 4f], a.ToArray<float>());
        Assert.Equal([2f, 3f, 4f], b.ToArray<float>());
        Assert.Equal([0f, 0f, 0f, 2f, 3f, 4f], backing);
    }

    [Fact]
    public async Task ConcurrentRunsAndRunIntos_OnStaticOutputs_EachGetTheirOwnResult()
    {
        // Static outputs: concurrent runs contend for the one staging buffer (the losers write in place).
        using var session = OnnxSession.FromBytes(TestModels.StaticAdd(64), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);

        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var a = new float[64];
            var b = Enumerable.Repeat((float)worker, 64).ToArray();
            var buffer = OnnxTensor.Allocate(OnnxElementType.Float, 1, 64);
            var inputs = Inputs.Of(("A", OnnxTensor.Create(a, 1, 64)), ("B", OnnxTensor.Create(b, 1, 64)));
            for (var i = 0; i < 300; i++)
            {
                a.AsSpan().Fill(i);
                var expected = Enumerable.Repeat((float)(i + worker), 64).ToArray();
                Assert.Equal(expected, session.Run(inputs)["C"].ToArray<float>());
                session.RunInto(inputs, Inputs.Of(("C", buffer)));
                Assert.Equal(expected, buffer.ToArray<float>());
            }
        }));

        await Task.WhenAll(workers);
    }

    [Fact]
    public async Task Dispose_WhileManyShortRunsAreInFlight_EndsThemCleanly()
    {
        var session = OnnxSession.FromBytes(TestModels.StaticAdd(32), OnnxRuntimeFixture.SingleThreaded, fixture.Environment);
        using var started = new CountdownEvent(4);

        int RunUntilDisposed()
        {
            var inputs = Inputs.Of(("A", OnnxTensor.Create(new float[32], 1, 32)), ("B", OnnxTensor.Create(new float[32], 1, 32)));
            var buffer = OnnxTensor.Allocate(OnnxElementType.Float, 1, 32);
            var runs = 0;
            try
            {
                while (true)
                {
                    session.Run(inputs);
                    session.RunInto(inputs, Inputs.Of(("C", buffer)));
                    if (++runs == 20)
                    {
                        started.Signal();
                    }
                }
            }
            catch (ObjectDisposedException)
            {
                return runs;
            }
        }

        // Own threads: four busy loops on a small thread pool would wait for it to grow.
        var workers = Enumerable.Range(0, 4)
            .Select(_ => Task.Factory.StartNew(RunUntilDisposed, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();

        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the runs did not start");
        session.Dispose();
        var runs = await Task.WhenAll(workers);

        Assert.All(runs, r => Assert.True(r >= 20));
        Assert.Throws<ObjectDisposedException>(() => session.Run(Inputs.Of(("A", OnnxTensor.Create(new float[32], 1, 32)), ("B", OnnxTensor.Create(new float[32], 1, 32)))));
    }
}
