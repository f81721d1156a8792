namespace VoiceFleet.Gateway.Routing;

/// <summary>
/// The sticky bucket of a user: a stable 64-bit hash (FNV-1a over the UTF-16 code units, then the
/// SplitMix64 finaliser to spread it) of the release id and the user, modulo 10000. A request goes to
/// the canary when its bucket is below the canary weight in basis points, so raising the weight only
/// ever moves users from stable to canary, never back. The release id salts it, so each release
/// samples different users. The same on every gateway replica and across restarts
/// (<see cref="string.GetHashCode()"/> is randomised per process and would not be).
/// </summary>
internal static class StickyBucket
{
    public const int Buckets = 10_000;

    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    public static int Of(ReadOnlySpan<char> releaseId, ReadOnlySpan<char> user)
    {
        var hash = FnvOffset;
        hash = Mix(hash, releaseId);
        hash = (hash ^ 0x1F) * FnvPrime; // separator, so ("ab","c") and ("a","bc") differ
        hash = Mix(hash, user);
        return (int)(Finalise(hash) % Buckets);
    }

    private static ulong Mix(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * FnvPrime;
            hash = (hash ^ (byte)(c >> 8)) * FnvPrime;
        }

        return hash;
    }

    private static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
