using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VoiceFleet.Cli;
using Xunit;

namespace VoiceFleet.Cli.Tests;

/// <summary><c>voicefleet keys create</c>: the key printed once, only its hash in the gateway's keys file.</summary>
public sealed class KeysCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vf-cli-keys-" + Guid.NewGuid().ToString("N"));

    private string KeysFile => Path.Combine(_directory, "gateway", "keys.json");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_CreateJson_KeyPrintedOnceAndOnlyItsHashStored()
    {
        var (code, stdout, _) = await RunAsync("keys", "create", "--role", "synthesize,clone", "--name", "ci", "--keys-file", KeysFile, "--json");

        Assert.Equal(0, code);
        var created = JsonDocument.Parse(stdout).RootElement;
        var key = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("id").GetString()!;
        Assert.Matches("^vfk_[0-9a-f]{12}\\.[A-Za-z0-9_-]{43}$", key);
        Assert.StartsWith($"vfk_{id}.", key, StringComparison.Ordinal);

        var text = await File.ReadAllTextAsync(KeysFile);
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        var entry = Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal(id, entry.GetProperty("id").GetString());
        Assert.Equal("ci", entry.GetProperty("name").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), entry.GetProperty("sha256").GetString());
        Assert.Equal(["synthesize", "clone"], entry.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeysFile));
        }
    }

    [Fact]
    public async Task RunAsync_CreateTwice_BothKeysKept()
    {
        var (first, firstKey, _) = await RunAsync("keys", "create", "--role", "tester", "--keys-file", KeysFile);
        var (second, secondKey, _) = await RunAsync("keys", "create", "--role", "release-admin", "--role", "enroll", "--keys-file", KeysFile);

        Assert.Equal((0, 0), (first, second));
        Assert.NotEqual(firstKey.Trim(), secondKey.Trim());
        var keys = JsonDocument.Parse(await File.ReadAllTextAsync(KeysFile)).RootElement.GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal(2, keys.Count);
        Assert.Equal(["release-admin", "enroll"], keys[1].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task RunAsync_UnknownRole_FailsWithoutWriting()
    {
        var (code, _, stderr) = await RunAsync("keys", "create", "--role", "superuser", "--keys-file", KeysFile);

        Assert.Equal(1, code);
        Assert.Contains("superuser", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(KeysFile));
    }

    [Fact]
    public async Task EnsureLocalAdminKeyAsync_TwoRuns_SameKeyWithEveryRole()
    {
        var first = await Commands.KeysCommand.EnsureLocalAdminKeyAsync(_directory, CancellationToken.None);
        var second = await Commands.KeysCommand.EnsureLocalAdminKeyAsync(_directory, CancellationToken.None);

        Assert.Equal(first, second);
        var entry = Assert.Single(JsonDocument.Parse(await File.ReadAllTextAsync(KeysFile)).RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(first))), entry.GetProperty("sha256").GetString());
        Assert.Equal(5, entry.GetProperty("roles").GetArrayLength());
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
