using System.Buffers;
using System.Runtime.CompilerServices;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>
/// The native side of a run. A run of a small model costs a few microseconds inside ORT, so the binding keeps its
/// own share small: no SafeHandle, GC handle, dictionary or array per tensor on the usual path. Inputs and
/// RunInto's buffers are pinned with <c>fixed</c> and passed through <c>OrtValue</c>s kept from the previous run
/// when pointer, size, type and shape are unchanged (<see cref="OrtCachedValue"/>); outputs whose shape the
/// model fixes are written by ORT into memory the binding hands it (a session-owned staging buffer for small
/// ones, copied out; the result array itself for large ones), so their shape needs no native query.
/// </summary>
public sealed unsafe partial class OnnxSession
{
    /// <summary>Inputs and outputs up to this count keep their pointer arrays on the stack.</summary>
    private const int StackLimit = 32;

    /// <summary>Tensors pinned with <c>fixed</c> in one run; any more are pinned with GC handles.</summary>
    private const int FixedPins = 4;

    /// <summary>Pointer slots a run keeps on the stack (enough for 16 inputs and 16 outputs); larger runs use an array.</summary>
    private const int ScratchCapacity = 128;

    /// <summary>
    /// Static outputs up to this size go through a staging buffer: copying them out costs less than an
    /// <c>OrtValue</c> created and released per run over a new array. Larger ones are written in place.
    /// </summary>
    internal const int StagingLimitBytes = 4096;

    /// <summary>How one output is handed to ORT.</summary>
    private enum OutputMode : byte
    {
        /// <summary>Not preallocated: ORT allocates it, the binding reads its shape and copies it.</summary>
        Allocated,

        /// <summary>Into the session's staging buffer of the declared shape (a cached value), then copied out.</summary>
        Staged,

        /// <summary>Into the new result array of the declared shape (a value created for this run).</summary>
        Direct,

        /// <summary>Into the caller's buffer (RunInto; a cached value).</summary>
        Caller,
    }

    /// <summary>
    /// Runs with validated inputs in model order and the indices of the wanted outputs: into
    /// <paramref name="buffers"/> (RunInto) when <paramref name="results"/> is null, else into new tensors.
    /// </summary>
    private void RunCore(ReadOnlySpan<OnnxTensor?> orderedInputs, ReadOnlySpan<int> wanted, ReadOnlySpan<OnnxTensor?> buffers, OnnxTensor?[]? results, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(handle.IsClosed, this);
        cancellationToken.ThrowIfCancellationRequested();

        OrtRunOptionsHandle? runOptions = null;
        CancellationTokenRegistration registration = default;
        var referenced = false;
        try
        {
            // Holds the native session open even if another thread disposes this object mid-run.
            handle.DangerousAddRef(ref referenced);

            // An uncancellable call needs no run options (ORT then uses its defaults): one native object less per run.
            if (cancellationToken.CanBeCanceled)
            {
                runOptions = api.CreateRunOptions();
                registration = cancellationToken.UnsafeRegister(static state => Terminate((OrtRunOptionsHandle)state!), runOptions);
            }

            var options = runOptions?.Pointer ?? 0;
            if (!RunOnce(orderedInputs, wanted, buffers, results, options, useStaticShapes: results is not null, cancellationToken))
            {
                // An output came back with another shape than the model declares, which ORT refuses to write
                // into memory of the declared shape: run again letting ORT allocate (that attempt stops using the
                // declared shape of the output for later runs).
                RunOnce(orderedInputs, wanted, buffers, results, options, useStaticShapes: false, cancellationToken);
            }
        }
        finally
        {
            // Waits for a cancellation callback in progress, so the run options outlive it.
            registration.Dispose();
            runOptions?.Dispose();
            if (referenced)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// One attempt at the run: decides how each output is passed, pins every tensor ORT reads or writes in place,
    /// makes or reuses the values over them, calls <c>Run</c> and turns what ORT wrote into the results. Returns
    /// false, without throwing, when the run failed over the shape of an output passed with its declared shape.
    /// </summary>
    // Every scratch slot below is written before it is read; zeroing the stack buffers first would only cost time.
    [SkipLocalsInit]
    private bool RunOnce(
        ReadOnlySpan<OnnxTensor?> inputs,
        ReadOnlySpan<int> wanted,
        ReadOnlySpan<OnnxTensor?> buffers,
        OnnxTensor?[]? results,
        nint runOptions,
        bool useStaticShapes,
        CancellationToken cancellationToken)
    {
        var inputCount = inputs.Length;
        var outputCount = wanted.Length;
        var tensorCount = inputCount + outputCount;

        // Pointer scratch, one block: input values, output values (as passed, then as ORT left them), output
        // names, values ORT returned, and the pinned address of each tensor (inputs, then outputs).
        var scratchLength = inputCount + (4 * outputCount) + tensorCount;
        var scratch = scratchLength <= ScratchCapacity ? stackalloc nint[ScratchCapacity] : new nint[scratchLength];
        var inputValues = scratch[..inputCount];
        var outputValues = scratch.Slice(inputCount, outputCount);
        var passed = scratch.Slice(inputCount + outputCount, outputCount);
        var wantedNames = scratch.Slice(inputCount + (2 * outputCount), outputCount);
        var returned = scratch.Slice(inputCount + (3 * outputCount), outputCount);
        var addresses = scratch.Slice(inputCount + (4 * outputCount), tensorCount);
        returned.Clear();
        var modes = outputCount <= StackLimit ? stackalloc OutputMode[StackLimit] : new OutputMode[outputCount];
        var verified = outputCount <= StackLimit ? stackalloc bool[StackLimit] : new bool[outputCount];

        // The cached value each tensor uses, if any (inputs, then outputs), and the buffers to pin, in order.
        var inlineEntries = default(EntryList);
        var entries = tensorCount <= EntryList.Capacity ? ((Span<OrtCachedValue?>)inlineEntries)[..tensorCount] : new OrtCachedValue?[tensorCount];
        var inlinePinned = default(BufferList);
        var pinned = tensorCount <= BufferList.Capacity ? ((Span<TensorBuffer?>)inlinePinned)[..tensorCount] : new TensorBuffer?[tensorCount];
        var pinCount = 0;
        for (var i = 0; i < inputCount; i++)
        {
            if (inputs[i]!.Buffer is { } buffer)
            {
                pinned[pinCount++] = buffer;
            }
        }

        // Values that belong to this run only: string inputs and outputs written in place into new arrays.
        OrtValueHandle?[]? owned = null;
        MemoryHandle[]? handles = null;
        try
        {
            for (var j = 0; j < outputCount; j++)
            {
                verified[j] = false;
                var output = wanted[j];
                if (results is null)
                {
                    modes[j] = OutputMode.Caller;
                    pinned[pinCount++] = buffers[j]!.Buffer;
                    continue;
                }

                var shape = useStaticShapes ? staticShapes[output] : null;
                if (shape is null)
                {
                    modes[j] = OutputMode.Allocated;
                    continue;
                }

                var type = outputs[output].ElementType;
                var count = ElementCount(shape);
                var bytes = count * OnnxElementTypes.SizeOf(type);
                if (bytes <= StagingLimitBytes && TakeStaging(output, type, shape, bytes) is { } staged)
                {
                    modes[j] = OutputMode.Staged;
                    entries[inputCount + j] = staged;
                    continue;
                }

                // Large, or another run holds the staging buffer: ORT writes straight into the new array.
                modes[j] = OutputMode.Direct;
                var tensor = OnnxTensor.Wrap(type, OnnxElementTypes.AllocateUninitialized(type, count), shape);
                results[j] = tensor;
                pinned[pinCount++] = tensor.Buffer;
            }

            // The first tensors are pinned by these fixed statements (free); the rest, if any, by GC handles.
            fixed (byte* p0 = &DataOf(pinned, 0))
            fixed (byte* p1 = &DataOf(pinned, 1))
            fixed (byte* p2 = &DataOf(pinned, 2))
            fixed (byte* p3 = &DataOf(pinned, 3))
            {
                if (pinCount > FixedPins)
                {
                    handles = new MemoryHandle[pinCount - FixedPins];
                    for (var k = FixedPins; k < pinCount; k++)
                    {
                        handles[k - FixedPins] = pinned[k]!.Pin();
                    }
                }

                // Addresses in the order the buffers were pinned: numeric inputs, then in-place outputs.
                var next = 0;
                for (var t = 0; t < tensorCount; t++)
                {
                    var isPinned = t < inputCount ? inputs[t]!.Buffer is not null : modes[t - inputCount] is OutputMode.Caller or OutputMode.Direct;
                    addresses[t] = !isPinned ? 0 : next++ switch
                    {
                        0 => (nint)p0,
                        1 => (nint)p1,
                        2 => (nint)p2,
                        3 => (nint)p3,
                        var k => (nint)handles![k - FixedPins].Pointer,
                    };
                }

                for (var i = 0; i < inputCount; i++)
                {
                    var tensor = inputs[i]!;
                    if (tensor.Buffer is null)
                    {
                        var value = CreateStringValue(tensor);
                        Own(ref owned, tensorCount, i, value);
                        inputValues[i] = value.Pointer;
                    }
                    else
                    {
                        var entry = Reuse(ref inputSlots[i], addresses[i], tensor);
                        entries[i] = entry;
                        inputValues[i] = entry.Value.Pointer;
                    }
                }

                var declaredShapes = false;
                for (var j = 0; j < outputCount; j++)
                {
                    var output = wanted[j];
                    wantedNames[j] = outputNames.Pointers[output];
                    switch (modes[j])
                    {
                        case OutputMode.Staged:
                            passed[j] = entries[inputCount + j]!.Value.Pointer;
                            declaredShapes = true;
                            break;
                        case OutputMode.Direct:
                            var tensor = results![j]!;
                            var value = api.CreateTensorOverMemory((void*)addresses[inputCount + j], ByteCount(tensor.Buffer!), tensor.ShapeSpan, tensor.ElementType);
                            Own(ref owned, tensorCount, inputCount + j, value);
                            passed[j] = value.Pointer;
                            declaredShapes = true;
                            break;
                        case OutputMode.Caller:
                            var entry = Reuse(ref outputSlots[output], addresses[inputCount + j], buffers[j]!);
                            entries[inputCount + j] = entry;
                            passed[j] = entry.Value.Pointer;
                            break;
                        default:
                            passed[j] = 0;
                            break;
                    }

                    outputValues[j] = passed[j];
                }

                nint status;
                fixed (nint* inNames = inputNames.Pointers)
                fixed (nint* inValues = inputValues)
                fixed (nint* outNames = wantedNames)
                fixed (nint* outValues = outputValues)
                {
                    status = api.Run(handle.Pointer, runOptions, (byte**)inNames, inValues, inputCount, (byte**)outNames, outputCount, outValues);
                }

                inputNames.KeepAlive();
                outputNames.KeepAlive();

                // Own whatever new value ORT handed back before anything can throw, so it is released on every path.
                for (var j = 0; j < outputCount; j++)
                {
                    if (outputValues[j] != 0 && outputValues[j] != passed[j])
                    {
                        returned[j] = outputValues[j];
                    }
                }

                if (status != 0)
                {
                    var error = api.ToException(status);
                    if (cancellationToken.IsCancellationRequested)
                    {
                        throw new OperationCanceledException($"The ONNX Runtime run was cancelled: {error.NativeMessage}", error, cancellationToken);
                    }

                    if (declaredShapes && NamesAnOutputOfDeclaredShape(error.NativeMessage, wanted, modes))
                    {
                        return false;
                    }

                    throw error;
                }

                for (var j = 0; j < outputCount; j++)
                {
                    var output = wanted[j];
                    var value = outputValues[j];
                    switch (modes[j])
                    {
                        case OutputMode.Caller:
                        {
                            // ORT wrote into the buffer, unless it put the output elsewhere: then it is copied (or refused).
                            var entry = entries[inputCount + j]!;
                            var data = (nint)api.GetTensorMutableData(value);
                            if (data != addresses[inputCount + j])
                            {
                                OrtTensorReader.CopyInto(api, value, buffers[j]!, (void*)addresses[inputCount + j], outputs[output].Name);
                            }

                            verified[j] = value == entry.Value.Pointer && data == entry.Data;
                            break;
                        }

                        case OutputMode.Staged:
                        {
                            var entry = entries[inputCount + j]!;
                            verified[j] = value == entry.Value.Pointer && (nint)api.GetTensorMutableData(value) == entry.Data;
                            results![j] = verified[j]
                                ? OrtTensorReader.CopyStaged(entry.Type, (void*)entry.Data, ElementCount(entry.Shape), entry.Bytes, entry.Shape)
                                : OrtTensorReader.Read(api, value, outputs[output].Name);
                            break;
                        }

                        case OutputMode.Direct:
                            if (value != passed[j] || (nint)api.GetTensorMutableData(value) != addresses[inputCount + j])
                            {
                                // ORT put the output elsewhere: read it from there.
                                results![j] = OrtTensorReader.Read(api, value, outputs[output].Name);
                            }

                            break;
                        default:
                            var result = OrtTensorReader.Read(api, value, outputs[output].Name);
                            results![j] = result;
                            if (!useStaticShapes && staticShapes[output] is { } declared && !result.ShapeSpan.SequenceEqual(declared))
                            {
                                StopUsingDeclaredShape(output, declared, result);
                            }

                            break;
                    }
                }

                return true;
            }
        }
        finally
        {
            for (var j = 0; j < outputCount; j++)
            {
                if (returned[j] != 0)
                {
                    api.ReleaseValue(returned[j]);
                }
            }

            if (owned is not null)
            {
                foreach (var value in owned)
                {
                    value?.Dispose();
                }
            }

            if (handles is not null)
            {
                foreach (var pin in handles)
                {
                    pin.Dispose();
                }
            }

            ReturnEntries(inputCount, wanted, modes, entries, verified);
        }
    }

    private static void Own(ref OrtValueHandle?[]? owned, int capacity, int index, OrtValueHandle value)
    {
        owned ??= new OrtValueHandle?[capacity];
        owned[index] = value;
    }

    /// <summary>Whether ORT's message names (in quotes, as ORT writes it) an output passed with its declared shape.</summary>
    private bool NamesAnOutputOfDeclaredShape(string message, ReadOnlySpan<int> wanted, ReadOnlySpan<OutputMode> modes)
    {
        for (var j = 0; j < wanted.Length; j++)
        {
            if (modes[j] is OutputMode.Staged or OutputMode.Direct
                && message.Contains($"'{outputs[wanted[j]].Name}'", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>From now on the output is read as dynamic: the model's declared shape is not what it produces.</summary>
    private void StopUsingDeclaredShape(int output, long[] declared, OnnxTensor actual)
    {
        if (Interlocked.CompareExchange(ref staticShapes[output], null, declared) == declared)
        {
            stagingSlots[output].Clear();
            OnnxRuntimeLog.DeclaredShapeDiffers(
                logger, outputs[output].Name, OnnxElementTypes.FormatShape(declared), OnnxElementTypes.FormatShape(actual.ShapeSpan.ToArray()));
        }
    }

    /// <summary>
    /// The cached value of a slot when it still describes this pinned memory, else a new one (the old is released).
    /// The caller puts it back after the run.
    /// </summary>
    private OrtCachedValue Reuse(ref OrtValueSlot slot, nint data, OnnxTensor tensor)
    {
        var bytes = ByteCount(tensor.Buffer!);
        var cached = slot.Take();
        if (cached is not null && cached.Matches(data, bytes, tensor.ElementType, tensor.ShapeArray))
        {
            return cached;
        }

        cached?.Value.Dispose();
        return new OrtCachedValue(api.CreateTensorOverMemory((void*)data, bytes, tensor.ShapeSpan, tensor.ElementType), data, bytes, tensor.ElementType, tensor.ShapeArray);
    }

    /// <summary>
    /// The session's staging value for a small static output: taken from its slot, or made on first use. Null when
    /// another run holds it (that run then writes in place instead).
    /// </summary>
    private OrtCachedValue? TakeStaging(int output, OnnxElementType type, long[] shape, int bytes)
    {
        ref var slot = ref stagingSlots[output];
        if (slot.Take() is { } cached)
        {
            return cached;
        }

        if (!slot.TryClaim())
        {
            return null;
        }

        try
        {
            // On the pinned object heap: its address never changes, so the value over it stays valid.
            var buffer = GC.AllocateArray<byte>(bytes, pinned: true);
            var data = (nint)Unsafe.AsPointer(ref buffer[0]);
            return new OrtCachedValue(api.CreateTensorOverMemory((void*)data, (nuint)bytes, shape, type), data, (nuint)bytes, type, shape, buffer);
        }
        catch
        {
            slot.Unclaim();
            throw;
        }
    }

    /// <summary>
    /// Puts the run's cached values back in their slots. An output's value is kept only while it still points at the
    /// memory it was made over (ORT could in principle have replaced the tensor inside it); <paramref name="verified"/>
    /// marks those the run already checked.
    /// </summary>
    private void ReturnEntries(int inputCount, ReadOnlySpan<int> wanted, ReadOnlySpan<OutputMode> modes, Span<OrtCachedValue?> entries, ReadOnlySpan<bool> verified)
    {
        for (var i = 0; i < inputCount; i++)
        {
            if (entries[i] is { } entry)
            {
                inputSlots[i].Return(entry, ref closed);
            }
        }

        for (var j = 0; j < wanted.Length; j++)
        {
            if (entries[inputCount + j] is not { } entry)
            {
                continue;
            }

            ref var slot = ref modes[j] == OutputMode.Staged ? ref stagingSlots[wanted[j]] : ref outputSlots[wanted[j]];
            if (verified[j] || (nint)api.TryGetTensorMutableData(entry.Value.Pointer) == entry.Data)
            {
                slot.Return(entry, ref closed);
            }
            else
            {
                slot.Discard(entry);
            }
        }
    }

    private static ref byte DataOf(Span<TensorBuffer?> pinned, int index) =>
        ref index < pinned.Length && pinned[index] is { } buffer ? ref buffer.GetDataReference() : ref Unsafe.NullRef<byte>();

    private static nuint ByteCount(TensorBuffer buffer) => (nuint)buffer.Length * (nuint)buffer.ElementSize;

    private static int ElementCount(long[] shape)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            count *= dim;
        }

        return (int)count;
    }

    private static void Terminate(OrtRunOptionsHandle runOptions) => runOptions.Api.RunOptionsSetTerminate(runOptions);

    /// <summary>An ORT-owned string tensor holding a copy of the strings.</summary>
    private OrtValueHandle CreateStringValue(OnnxTensor tensor)
    {
        var value = api.CreateTensor(tensor.ShapeSpan, OnnxElementType.String);
        try
        {
            FillStrings(value, tensor.Strings!);
            return value;
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }

    /// <summary>Encodes the strings as NUL-terminated UTF-8 in one block and lets ORT copy them in.</summary>
    private void FillStrings(OrtValueHandle value, string[] strings)
    {
        if (strings.Length == 0)
        {
            return;
        }

        var offsets = new int[strings.Length];
        var total = 0;
        for (var i = 0; i < strings.Length; i++)
        {
            offsets[i] = total;
            total += System.Text.Encoding.UTF8.GetByteCount(strings[i]) + 1;
        }

        var block = new byte[total];
        var pointers = new nint[strings.Length];
        fixed (byte* b = block)
        fixed (nint* p = pointers)
        {
            for (var i = 0; i < strings.Length; i++)
            {
                System.Text.Encoding.UTF8.GetBytes(strings[i], new Span<byte>(b + offsets[i], total - offsets[i]));
                pointers[i] = (nint)(b + offsets[i]);
            }

            api.FillStringTensor(value, (byte**)p, strings.Length);
        }
    }

    /// <summary>Room for a run's cached values on the stack.</summary>
    [InlineArray(Capacity)]
    private struct EntryList
    {
        public const int Capacity = 8;
        private OrtCachedValue? element;
    }

    /// <summary>Room for a run's pinned buffers on the stack.</summary>
    [InlineArray(Capacity)]
    private struct BufferList
    {
        public const int Capacity = 8;
        private TensorBuffer? element;
    }
}
