using Microsoft.Extensions.Logging;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>Turns <see cref="OnnxSessionOptions"/> into a native <c>OrtSessionOptions</c>.</summary>
internal static class OrtSessionOptionsBuilder
{
    /// <summary>Builds the native options; says which execution provider the session will run on.</summary>
    internal static OrtSessionOptionsHandle Build(OrtApi api, OnnxSessionOptions options, ILogger logger, out string executionProvider)
    {
        options.Validate();
        var native = api.CreateSessionOptions();
        try
        {
            api.SetOption(native, OrtApiIndex.SetIntraOpNumThreads, options.IntraOpThreads);
            api.SetOption(native, OrtApiIndex.SetInterOpNumThreads, options.InterOpThreads);
            api.SetOption(native, OrtApiIndex.SetSessionGraphOptimizationLevel, (int)options.GraphOptimizationLevel);
            api.SetOption(native, OrtApiIndex.SetSessionExecutionMode, (int)options.ExecutionMode);
            api.SetOption(native, options.EnableCpuMemArena ? OrtApiIndex.EnableCpuMemArena : OrtApiIndex.DisableCpuMemArena);
            api.SetOption(native, options.EnableMemPattern ? OrtApiIndex.EnableMemPattern : OrtApiIndex.DisableMemPattern);
            if (options.LogLevel is { } level)
            {
                api.SetOption(native, OrtApiIndex.SetSessionLogSeverityLevel, (int)OrtLogLevels.ToOrt(level));
            }

            executionProvider = "CPU";
            if (options.UseCuda)
            {
                var failure = api.TryAppendCuda(native, options.CudaDeviceId);
                if (failure is null)
                {
                    executionProvider = "CUDA";
                }
                else
                {
                    // Expected on machines without a GPU or without ORT's CUDA provider library: serve on CPU instead.
                    OnnxRuntimeLog.CudaFallback(logger, options.CudaDeviceId, failure.NativeMessage);
                }
            }

            return native;
        }
        catch
        {
            native.Dispose();
            throw;
        }
    }
}
