using VoiceFleet.Contracts.V1;

namespace VoiceFleet.Synthesis.Pipeline;

/// <summary>What a finished synthesis reports: the info of the contract, the output's length and its quality.</summary>
internal sealed record SynthesisOutcome(SynthesisInfo Info, double AudioSeconds, int SampleRate, AudioFormat Format, OutputSummary Summary);
