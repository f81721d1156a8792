namespace VoiceFleet.Rpc;

/// <summary>The outcome of a call: a code and a human-readable detail message.</summary>
public readonly record struct Status(StatusCode StatusCode, string Detail)
{
    /// <summary>The OK status with no detail.</summary>
    public static readonly Status DefaultSuccess = new(StatusCode.OK, string.Empty);

    /// <summary>The status for a call cancelled by its caller.</summary>
    public static readonly Status DefaultCancelled = new(StatusCode.Cancelled, string.Empty);

    /// <inheritdoc />
    public override string ToString() => $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\")";
}
