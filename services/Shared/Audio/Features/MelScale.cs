namespace VoiceFleet.Audio.Features;

/// <summary>Kaldi's (HTK's) mel scale: mel = 1127 · ln(1 + f / 700).</summary>
internal static class MelScale
{
    public static double FromHz(double hz) => 1127.0 * Math.Log(1.0 + hz / 700.0);

    public static double ToHz(double mel) => 700.0 * (Math.Exp(mel / 1127.0) - 1.0);
}
