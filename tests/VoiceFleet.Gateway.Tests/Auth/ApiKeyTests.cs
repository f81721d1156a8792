using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VoiceFleet.Gateway.Auth;
using VoiceFleet.Gateway.Configuration;
using VoiceFleet.Gateway.RateLimiting;
using VoiceFleet.Gateway.Tests.Support;

namespace VoiceFleet.Gateway.Tests.Auth;

public sealed class ApiKeyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vf-keys-" + Guid.NewGuid().ToString("N"));

    public ApiKeyTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Create_NewKey_ParsesAndHashesAsStored()
    {
        var key = ApiKeyFormat.Create();

        Assert.StartsWith("vfk_", key, StringComparison.Ordinal);
        Assert.True(ApiKeyFormat.TryGetId(key, out var id));
        Assert.True(ApiKeyFormat.IsValidId(id));
        Assert.Equal(64, ApiKeyFormat.HashHex(key).Length);
        Assert.NotEqual(key, ApiKeyFormat.Create());
    }

    [Fact]
    public void Authenticate_KeysFile_AcceptsKnownRejectsTamperedAndMissing()
    {
        var keys = new TestKeys(Path.Combine(_directory, "keys.json"));
        var authenticator = new Authenticator(Store(keys.Path));

        Assert.Equal(AuthOutcome.Ok, authenticator.Authenticate(Bearer(keys.Tester), out var tester));
        Assert.True(tester!.Has(ApiRoles.Tester));
        Assert.False(tester.Has(ApiRoles.Clone));
        Assert.Equal(AuthOutcome.Ok, authenticator.Authenticate(new HeaderDictionary { ["x-api-key"] = keys.Admin }, out var admin));
        Assert.True(admin!.Has(ApiRoles.ReleaseAdmin | ApiRoles.Enroll));
        Assert.Equal(AuthOutcome.Invalid, authenticator.Authenticate(Bearer(keys.Tester[..^1] + (keys.Tester[^1] == 'A' ? 'B' : 'A')), out _));
        Assert.Equal(AuthOutcome.Invalid, authenticator.Authenticate(Bearer("vfk_000000000000.secret"), out _));
        Assert.Equal(AuthOutcome.Invalid, authenticator.Authenticate(Bearer("not-a-key"), out _));
        Assert.Equal(AuthOutcome.Missing, authenticator.Authenticate(new HeaderDictionary(), out _));
    }

    [Fact]
    public void ReloadIfFileChanged_KeyAdded_Accepted()
    {
        var keys = new TestKeys(Path.Combine(_directory, "keys.json"));
        var store = Store(keys.Path);
        var authenticator = new Authenticator(store);
        var before = store.Count;

        var added = keys.Add("late", ["enroll"], write: true);
        store.ReloadIfFileChanged();

        Assert.Equal(before + 1, store.Count);
        Assert.Equal(AuthOutcome.Ok, authenticator.Authenticate(Bearer(added), out _));
    }

    [Fact]
    public void Reload_BrokenFile_KeepsPreviousKeys()
    {
        var keys = new TestKeys(Path.Combine(_directory, "keys.json"));
        var store = Store(keys.Path);
        var count = store.Count;

        File.WriteAllText(keys.Path, "{ not json");
        store.Reload();

        Assert.Equal(count, store.Count);
    }

    [Fact]
    public void Authenticate_KeyFromConfiguration_Accepted()
    {
        var key = ApiKeyFormat.Create();
        ApiKeyFormat.TryGetId(key, out var id);
        var options = new AuthOptions { Keys = [new ApiKeyEntry { Id = id.ToString(), Sha256 = ApiKeyFormat.HashHex(key), Roles = ["synthesize"] }] };
        var authenticator = new Authenticator(new ApiKeyStore(new StaticMonitor<AuthOptions>(options), NullLogger<ApiKeyStore>.Instance));

        Assert.Equal(AuthOutcome.Ok, authenticator.Authenticate(Bearer(key), out var found));
        Assert.Equal(ApiRoles.Synthesize, found!.Roles);
    }

    [Fact]
    public void TryAcquire_BurstSpent_DeniedWithRetryHintThenRefilled()
    {
        var clock = new ManualTimeProvider();
        var limiter = new KeyRateLimiter(new StaticMonitor<RateLimitOptions>(new RateLimitOptions { RequestsPerSecond = 4, Burst = 2 }), clock);
        var key = new ApiKey("k", "", new byte[32], ApiRoles.Synthesize, 0, 0);

        Assert.True(limiter.TryAcquire(key, out _));
        Assert.True(limiter.TryAcquire(key, out _));
        Assert.False(limiter.TryAcquire(key, out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(250), retryAfter);

        clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.True(limiter.TryAcquire(key, out _));
        Assert.False(limiter.TryAcquire(key, out _));
    }

    [Fact]
    public void TryAcquire_KeyWithOwnLimit_OwnLimitWins()
    {
        var clock = new ManualTimeProvider();
        var limiter = new KeyRateLimiter(new StaticMonitor<RateLimitOptions>(new RateLimitOptions { RequestsPerSecond = 100, Burst = 100 }), clock);
        var key = new ApiKey("k", "", new byte[32], ApiRoles.Synthesize, 1, 1);

        Assert.True(limiter.TryAcquire(key, out _));
        Assert.False(limiter.TryAcquire(key, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);
    }

    private static ApiKeyStore Store(string path) =>
        new(new StaticMonitor<AuthOptions>(new AuthOptions { KeysFile = path }), NullLogger<ApiKeyStore>.Instance);

    private static HeaderDictionary Bearer(string key) => new() { ["authorization"] = "Bearer " + key };

    private sealed class StaticMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
