namespace VoiceFleet.Text;

/// <summary>A fallback the frontend took and reports (docs/contracts.md, "Warning codes").</summary>
/// <param name="Code">Stable code, e.g. <see cref="WarningCodes.G2pFallback"/>.</param>
/// <param name="Message">What happened, for people.</param>
/// <param name="Field">The request field it concerns, or empty.</param>
public sealed record TextWarning(string Code, string Message, string Field);
