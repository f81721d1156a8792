using VoiceFleet.Gateway.Routing;

namespace VoiceFleet.Gateway.Tests.Routing;

public sealed class StickyBucketTests
{
    private static readonly string[] Users = [.. Enumerable.Range(0, 10_000).Select(i => $"user-{i}")];

    [Fact]
    public void Of_TenThousandUsersAt2000Bps_TwentyPercentWithinTwoPoints()
    {
        var canary = Users.Count(u => StickyBucket.Of("rel-1", u) < 2000);

        Assert.InRange(canary / (double)Users.Length, 0.18, 0.22);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(500)]
    [InlineData(5000)]
    public void Of_TenThousandUsers_ShareFollowsWeight(int weightBps)
    {
        var share = Users.Count(u => StickyBucket.Of("rel-1", u) < weightBps) / (double)Users.Length;

        Assert.InRange(share, weightBps / 10_000.0 - 0.02, weightBps / 10_000.0 + 0.02);
    }

    [Fact]
    public void Of_WeightIncreases_NoUserLeavesTheCanary()
    {
        int[] weights = [0, 100, 500, 2000, 5000, 10_000];
        HashSet<string> previous = [];
        foreach (var weight in weights)
        {
            var canary = Users.Where(u => StickyBucket.Of("rel-1", u) < weight).ToHashSet();

            Assert.Superset(previous, canary);
            previous = canary;
        }

        Assert.Equal(Users.Length, previous.Count);
    }

    [Fact]
    public void Of_SameInputs_SameBucketEveryTimeAndPinned()
    {
        // Pinned values: every replica and every restart must agree, so the function may never change silently.
        Assert.Equal(StickyBucket.Of("rel-1", "user-1"), StickyBucket.Of("rel-1", "user-1"));
        Assert.Equal(PinnedBucket("rel-1", "user-1"), StickyBucket.Of("rel-1", "user-1"));
        Assert.InRange(StickyBucket.Of("", ""), 0, StickyBucket.Buckets - 1);
    }

    [Fact]
    public void Of_DifferentRelease_DifferentSample()
    {
        var first = Users.Where(u => StickyBucket.Of("rel-1", u) < 2000).ToHashSet();
        var second = Users.Where(u => StickyBucket.Of("rel-2", u) < 2000).ToHashSet();

        // Independent samples overlap by about 20% of 20%.
        Assert.InRange(first.Intersect(second).Count(), 200, 600);
    }

    // An independent implementation of the documented function (FNV-1a 64 over UTF-16 little-endian, SplitMix64 finaliser).
    private static int PinnedBucket(string release, string user)
    {
        ulong hash = 14695981039346656037;
        foreach (var b in System.Text.Encoding.Unicode.GetBytes(release))
        {
            hash = (hash ^ b) * 1099511628211;
        }

        hash = (hash ^ 0x1F) * 1099511628211;
        foreach (var b in System.Text.Encoding.Unicode.GetBytes(user))
        {
            hash = (hash ^ b) * 1099511628211;
        }

        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EB;
        hash ^= hash >> 31;
        return (int)(hash % 10_000);
    }
}
