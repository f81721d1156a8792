using System.Buffers;
using System.Runtime.InteropServices;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>The native side of a run.</summary>
public sealed unsafe partial class OnnxSession
{
    /// <summary>Inputs and outputs up to this count keep their pointer arrays on the stack.</summary>
    private const int StackLimit = 32;

    /// <summary>
    /// Runs with validated inputs in model order and the indices of the wanted outputs. With
    /// <paramref name="preallocated"/>, output j is written into that tensor and the result is null.
    /// </summary>
    private OnnxTensor?[] RunCore(OnnxTensor[] orderedInputs, int[] wanted, OnnxTensor[]? preallocated, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(handle.IsClosed, this);
        cancellationToken.ThrowIfCancellationRequested();

        var inputCount = orderedInputs.Length;
        var outputCount = wanted.Length;
        var pins = new MemoryHandle[inputCount + outputCount];
        var values = new OrtValueHandle?[inputCount + outputCount];
        var results = new OnnxTensor?[outputCount];
        var returned = new OrtValueHandle?[outputCount];
        Span<nint> inputValues = inputCount <= StackLimit ? stackalloc nint[inputCount] : new nint[inputCount];
        Span<nint> outputValues = outputCount <= StackLimit ? stackalloc nint[outputCount] : new nint[outputCount];
        Span<nint> wantedNames = outputCount <= StackLimit ? stackalloc nint[outputCount] : new nint[outputCount];

        OrtRunOptionsHandle? runOptions = null;
        CancellationTokenRegistration registration = default;
        var referenced = false;
        try
        {
            // Holds the native session open even if another thread disposes this object mid-run.
            handle.DangerousAddRef(ref referenced);

            for (var i = 0; i < inputCount; i++)
            {
                values[i] = CreateValue(orderedInputs[i], ref pins[i]);
                inputValues[i] = values[i]!.Pointer;
            }

            for (var j = 0; j < outputCount; j++)
            {
                wantedNames[j] = outputNames.Pointers[wanted[j]];
                if (preallocated is not null)
                {
                    values[inputCount + j] = CreateValue(preallocated[j], ref pins[inputCount + j]);
                    outputValues[j] = values[inputCount + j]!.Pointer;
                }
            }

            // An uncancellable call needs no run options (ORT then uses its defaults): one native object less per run.
            if (cancellationToken.CanBeCanceled)
            {
                runOptions = api.CreateRunOptions();
                registration = cancellationToken.UnsafeRegister(static state => Terminate((OrtRunOptionsHandle)state!), runOptions);
            }

            nint status;
            fixed (nint* inNames = inputNames.Pointers)
            fixed (nint* inValues = inputValues)
            fixed (nint* outNames = wantedNames)
            fixed (nint* outValues = outputValues)
            {
                status = api.Run(handle.Pointer, runOptions?.Pointer ?? 0, (byte**)inNames, inValues, inputCount, (byte**)outNames, outputCount, outValues);
            }

            inputNames.KeepAlive();
            outputNames.KeepAlive();

            // Own whatever ORT handed back before anything can throw, so it is released on every path.
            for (var j = 0; j < outputCount; j++)
            {
                if (outputValues[j] != 0 && outputValues[j] != (values[inputCount + j]?.Pointer ?? 0))
                {
                    returned[j] = new OrtValueHandle(api);
                    returned[j]!.Attach(outputValues[j]);
                }
            }

            if (status != 0)
            {
                var error = api.ToException(status);
                if (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException($"The ONNX Runtime run was cancelled: {error.NativeMessage}", error, cancellationToken);
                }

                throw error;
            }

            for (var j = 0; j < outputCount; j++)
            {
                var name = outputs[wanted[j]].Name;
                if (preallocated is null)
                {
                    results[j] = OrtTensorReader.Read(api, outputValues[j], name);
                }
                else
                {
                    OrtTensorReader.CopyInto(api, outputValues[j], preallocated[j], pins[inputCount + j].Pointer, name);
                }
            }

            return results;
        }
        finally
        {
            // Waits for a cancellation callback in progress, so the run options outlive it.
            registration.Dispose();
            runOptions?.Dispose();
            foreach (var value in returned)
            {
                value?.Dispose();
            }

            foreach (var value in values)
            {
                value?.Dispose();
            }

            foreach (var pin in pins)
            {
                pin.Dispose();
            }

            if (referenced)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static void Terminate(OrtRunOptionsHandle runOptions) => runOptions.Api.RunOptionsSetTerminate(runOptions);

    /// <summary>An <c>OrtValue</c> for a tensor: over its pinned memory for numbers, an ORT-owned copy for strings.</summary>
    private OrtValueHandle CreateValue(OnnxTensor tensor, ref MemoryHandle pin)
    {
        if (tensor.Buffer is { } buffer)
        {
            pin = buffer.Pin();
            var bytes = (nuint)buffer.Length * (nuint)buffer.ElementSize;
            return api.CreateTensorOverMemory(pin.Pointer, bytes, tensor.ShapeSpan, tensor.ElementType);
        }

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
}
