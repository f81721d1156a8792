namespace VoiceFleet.Cli.Demo;

/// <summary>
/// One synthetic request as its client saw it: when it started and ended, which user sent it, the track and model
/// version that served it (from the response, or from the error's metadata), and how it ended.
/// </summary>
internal sealed record TrafficRecord(
    DateTimeOffset Start,
    DateTimeOffset End,
    string User,
    string Track,
    string ModelVersion,
    string Code,
    string? Error)
{
    public bool Failed => Code != "OK";
}
