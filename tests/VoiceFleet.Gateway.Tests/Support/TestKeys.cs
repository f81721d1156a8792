using System.Text.Json;
using VoiceFleet.Gateway.Auth;

namespace VoiceFleet.Gateway.Tests.Support;

/// <summary>API keys of the test gateway, written to its keys file as the gateway stores them (hashes only).</summary>
internal sealed class TestKeys
{
    private readonly List<object> _entries = [];

    public TestKeys(string path)
    {
        Path = path;
        Synthesize = Add("synth", ["synthesize"]);
        Cloner = Add("cloner", ["synthesize", "clone"]);
        Tester = Add("tester", ["synthesize", "tester"]);
        Enroller = Add("enroller", ["enroll"]);
        Admin = Add("admin", ["synthesize", "clone", "enroll", "tester", "release-admin"]);
        Limited = Add("limited", ["synthesize"], requestsPerSecond: 1, burst: 2);
        Write();
    }

    public string Path { get; }

    public string Synthesize { get; }

    public string Cloner { get; }

    public string Tester { get; }

    public string Enroller { get; }

    public string Admin { get; }

    public string Limited { get; }

    public static string IdOf(string key)
    {
        ApiKeyFormat.TryGetId(key, out var id);
        return id.ToString();
    }

    /// <summary>Adds a key (and rewrites the file when <paramref name="write"/>); returns the key.</summary>
    public string Add(string name, string[] roles, double requestsPerSecond = 0, int burst = 0, bool write = false)
    {
        var key = ApiKeyFormat.Create();
        _entries.Add(new { id = IdOf(key), name, sha256 = ApiKeyFormat.HashHex(key), roles, requestsPerSecond, burst });
        if (write)
        {
            Write();
        }

        return key;
    }

    private void Write()
    {
        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new { keys = _entries }));
        File.Move(temporary, Path, overwrite: true);
    }
}
