namespace VoiceFleet.Audio.Wav;

/// <summary>The parts of a validated <c>fmt </c> chunk that decoding needs.</summary>
internal sealed record WavFormat(bool IsFloat, int Channels, int SampleRate, int BitsPerSample, int BlockAlign);
