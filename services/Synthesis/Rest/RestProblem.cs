namespace VoiceFleet.Synthesis.Rest;

/// <summary>A REST request the endpoint refuses before synthesis: an HTTP status and a message naming the field.</summary>
internal sealed class RestProblem(int status, string code, string message, string? param = null) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string? Param { get; } = param;
}
