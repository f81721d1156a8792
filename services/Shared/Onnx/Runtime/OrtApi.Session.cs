using System.Runtime.InteropServices;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>Sessions, their inputs and outputs, run options and running.</summary>
internal sealed unsafe partial class OrtApi
{
    /// <summary><c>CreateSession</c> from a model file (paths are UTF-8 <c>char*</c> off Windows).</summary>
    internal OrtSessionHandle CreateSession(OrtEnvHandle env, string modelPath, OrtSessionOptionsHandle options)
    {
        var handle = new OrtSessionHandle(this);
        var path = Utf8(modelPath);
        nint session;
        fixed (byte* pathPtr = path)
        {
            Check(((delegate* unmanaged<nint, byte*, nint, nint*, nint>)Fn(OrtApiIndex.CreateSession))(env.Pointer, pathPtr, options.Pointer, &session));
        }

        handle.Attach(session);
        return handle;
    }

    /// <summary><c>CreateSessionFromArray</c>: ORT parses the bytes during the call and keeps no reference to them.</summary>
    internal OrtSessionHandle CreateSessionFromArray(OrtEnvHandle env, ReadOnlySpan<byte> model, OrtSessionOptionsHandle options)
    {
        var handle = new OrtSessionHandle(this);
        nint session;
        fixed (byte* data = model)
        {
            Check(((delegate* unmanaged<nint, byte*, nuint, nint, nint*, nint>)Fn(OrtApiIndex.CreateSessionFromArray))(
                env.Pointer, data, (nuint)model.Length, options.Pointer, &session));
        }

        handle.Attach(session);
        return handle;
    }

    /// <summary><c>SessionGetInputCount</c> or <c>SessionGetOutputCount</c>.</summary>
    internal int SessionGetCount(OrtSessionHandle session, bool inputs)
    {
        nuint count;
        var fn = inputs ? OrtApiIndex.SessionGetInputCount : OrtApiIndex.SessionGetOutputCount;
        Check(((delegate* unmanaged<nint, nuint*, nint>)Fn(fn))(session.Pointer, &count));
        return checked((int)count);
    }

    /// <summary><c>SessionGetInputName</c> or <c>SessionGetOutputName</c>; the allocator's copy is freed here.</summary>
    internal string SessionGetName(OrtSessionHandle session, int index, bool input)
    {
        var fn = input ? OrtApiIndex.SessionGetInputName : OrtApiIndex.SessionGetOutputName;
        nint name;
        Check(((delegate* unmanaged<nint, nuint, nint, nint*, nint>)Fn(fn))(session.Pointer, (nuint)index, DefaultAllocator, &name));
        return TakeString(name) ?? string.Empty;
    }

    /// <summary><c>SessionGetInputTypeInfo</c> or <c>SessionGetOutputTypeInfo</c>.</summary>
    internal OrtTypeInfoHandle SessionGetTypeInfo(OrtSessionHandle session, int index, bool input)
    {
        var fn = input ? OrtApiIndex.SessionGetInputTypeInfo : OrtApiIndex.SessionGetOutputTypeInfo;
        var handle = new OrtTypeInfoHandle(this);
        nint info;
        Check(((delegate* unmanaged<nint, nuint, nint*, nint>)Fn(fn))(session.Pointer, (nuint)index, &info));
        handle.Attach(info);
        return handle;
    }

    /// <summary><c>CreateRunOptions</c>.</summary>
    internal OrtRunOptionsHandle CreateRunOptions()
    {
        var handle = new OrtRunOptionsHandle(this);
        nint options;
        Check(((delegate* unmanaged<nint*, nint>)Fn(OrtApiIndex.CreateRunOptions))(&options));
        handle.Attach(options);
        return handle;
    }

    /// <summary><c>RunOptionsSetTerminate</c>: every run using these options stops at its next check.</summary>
    internal void RunOptionsSetTerminate(OrtRunOptionsHandle options) =>
        Check(((delegate* unmanaged<nint, nint>)Fn(OrtApiIndex.RunOptionsSetTerminate))(options.Pointer));

    /// <summary>
    /// <c>Run</c>. Returns the raw status so the caller can tell a terminated run from another failure;
    /// a non-null status must go to <see cref="ToException"/>.
    /// </summary>
    internal nint Run(nint session, nint runOptions, byte** inputNames, nint* inputs, int inputCount, byte** outputNames, int outputCount, nint* outputs) =>
        ((delegate* unmanaged<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint>)Fn(OrtApiIndex.Run))(
            session, runOptions, inputNames, inputs, (nuint)inputCount, outputNames, (nuint)outputCount, outputs);

    /// <summary>Copies a string ORT allocated with the default allocator and frees ORT's copy.</summary>
    internal string? TakeString(nint allocated)
    {
        if (allocated == 0)
        {
            return null;
        }

        using var owner = new OrtAllocatedHandle(this);
        owner.Attach(allocated);
        return Marshal.PtrToStringUTF8(allocated);
    }
}
