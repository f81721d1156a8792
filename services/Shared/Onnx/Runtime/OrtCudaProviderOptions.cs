using System.Runtime.InteropServices;

namespace VoiceFleet.Onnx.Runtime;

/// <summary>
/// The C struct <c>OrtCUDAProviderOptions</c> as of API 30 (fields in header order; the last three arrived in
/// later versions, and an older runtime only reads the prefix it knows).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OrtCudaProviderOptions
{
    public int DeviceId;
    public int CudnnConvAlgoSearch;
    public nuint GpuMemLimit;
    public int ArenaExtendStrategy;
    public int DoCopyInDefaultStream;
    public int HasUserComputeStream;
    public nint UserComputeStream;
    public nint DefaultMemoryArenaCfg;
    public int TunableOpEnable;
    public int TunableOpTuningEnable;
    public int TunableOpMaxTuningDurationMs;

    /// <summary>The defaults the C++ constructor in the header sets, for one device.</summary>
    internal static OrtCudaProviderOptions Defaults(int deviceId) => new()
    {
        DeviceId = deviceId,
        CudnnConvAlgoSearch = 0, // OrtCudnnConvAlgoSearchExhaustive
        GpuMemLimit = nuint.MaxValue, // SIZE_MAX: no limit
        DoCopyInDefaultStream = 1,
    };
}
