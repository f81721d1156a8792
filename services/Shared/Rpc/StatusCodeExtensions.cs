namespace VoiceFleet.Rpc;

/// <summary>The canonical names of status codes and the HTTP statuses VoiceFleet's REST endpoints answer with.</summary>
public static class StatusCodeExtensions
{
    private static readonly string[] Names =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ];

    /// <summary>The name gRPC gives the code, e.g. <c>RESOURCE_EXHAUSTED</c>; <c>UNKNOWN</c> for values outside the enum.</summary>
    public static string CanonicalName(this StatusCode code) => (uint)code < (uint)Names.Length ? Names[(int)code] : "UNKNOWN";

    /// <summary>
    /// The HTTP status a REST endpoint answers for <paramref name="code"/>: 400 for bad input, 401, 403, 404, 409 for
    /// conflicts, 412 for a failed precondition, 429 when exhausted, 499 cancelled, 501, 503, 504, else 500.
    /// </summary>
    public static int ToHttpStatus(this StatusCode code) => code switch
    {
        StatusCode.OK => 200,
        StatusCode.InvalidArgument or StatusCode.OutOfRange => 400,
        StatusCode.Unauthenticated => 401,
        StatusCode.PermissionDenied => 403,
        StatusCode.NotFound => 404,
        StatusCode.AlreadyExists or StatusCode.Aborted => 409,
        StatusCode.FailedPrecondition => 412,
        StatusCode.ResourceExhausted => 429,
        StatusCode.Cancelled => 499,
        StatusCode.Unimplemented => 501,
        StatusCode.Unavailable => 503,
        StatusCode.DeadlineExceeded => 504,
        _ => 500,
    };
}
