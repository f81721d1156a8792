using VoiceFleet.Rpc.Client;

namespace VoiceFleet.Synthesis.Upstreams;

/// <summary>Awaits a unary call's response and releases the call.</summary>
internal static class UnaryCallExtensions
{
    public static async Task<T> ResultAsync<T>(this AsyncUnaryCall<T> call)
    {
        using (call)
        {
            return await call.ResponseAsync.ConfigureAwait(false);
        }
    }
}
