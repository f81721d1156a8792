using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceFleet.Gateway.Configuration;
using VoiceFleet.Gateway.Diagnostics;

namespace VoiceFleet.Gateway.Auth;

/// <summary>
/// The accepted keys: those of the keys file plus those in configuration, as one immutable
/// dictionary replaced whole on every reload, so a lookup never sees half a change.
/// </summary>
internal sealed class ApiKeyStore
{
    private readonly IOptionsMonitor<AuthOptions> _options;
    private readonly ILogger<ApiKeyStore> _logger;
    private readonly Lock _reloadLock = new();
    private Snapshot _snapshot = Snapshot.Empty;
    private FileStamp _fileStamp = FileStamp.None;

    public ApiKeyStore(IOptionsMonitor<AuthOptions> options, ILogger<ApiKeyStore> logger)
    {
        _options = options;
        _logger = logger;
        Reload();
        options.OnChange(_ => Reload());
    }

    /// <summary>How many keys are accepted now.</summary>
    public int Count => Volatile.Read(ref _snapshot).Keys.Count;

    /// <summary>Finds a key by its id, without allocating.</summary>
    public bool TryGet(ReadOnlySpan<char> id, out ApiKey? key)
    {
        var found = Volatile.Read(ref _snapshot).ById.TryGetValue(id, out var value);
        key = value;
        return found;
    }

    /// <summary>Re-reads the keys file when its size or modification time changed.</summary>
    public void ReloadIfFileChanged()
    {
        if (FileStamp.Of(_options.CurrentValue.KeysFile) != Volatile.Read(ref _fileStamp))
        {
            Reload();
        }
    }

    /// <summary>Reads the keys file and configuration again. A file that cannot be read keeps the previous keys.</summary>
    public void Reload()
    {
        lock (_reloadLock)
        {
            var options = _options.CurrentValue;
            var keys = new Dictionary<string, ApiKey>(StringComparer.Ordinal);
            var stamp = FileStamp.Of(options.KeysFile);
            if (!string.IsNullOrEmpty(options.KeysFile))
            {
                if (!TryReadFile(options.KeysFile, keys))
                {
                    // Keep serving with what we had: a half-written or broken file must not lock everyone out.
                    Volatile.Write(ref _fileStamp, stamp);
                    return;
                }
            }

            foreach (var entry in options.Keys)
            {
                Add(keys, entry, "configuration");
            }

            Volatile.Write(ref _snapshot, new Snapshot(keys.ToFrozenDictionary(StringComparer.Ordinal)));
            Volatile.Write(ref _fileStamp, stamp);
            GatewayLog.KeysLoaded(_logger, keys.Count, string.IsNullOrEmpty(options.KeysFile) ? "(none)" : options.KeysFile);
        }
    }

    private bool TryReadFile(string path, Dictionary<string, ApiKey> keys)
    {
        if (!File.Exists(path))
        {
            GatewayLog.KeysFileMissing(_logger, path);
            return true;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var file = JsonSerializer.Deserialize(stream, KeysFileJsonContext.Default.KeysFile);
            foreach (var entry in file?.Keys ?? [])
            {
                Add(keys, entry, path);
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            GatewayLog.KeysFileUnreadable(_logger, path, ex);
            return false;
        }
    }

    private void Add(Dictionary<string, ApiKey> keys, ApiKeyEntry entry, string source)
    {
        if (ApiKeyEntry.Check(entry) is { } problem)
        {
            GatewayLog.KeyRejected(_logger, source, problem);
            return;
        }

        var roles = ApiRoles.None;
        foreach (var role in entry.Roles)
        {
            if (ApiRolesText.TryParse(role, out var r))
            {
                roles |= r;
            }
        }

        keys[entry.Id] = new ApiKey(entry.Id, entry.Name, Convert.FromHexString(entry.Sha256), roles, entry.RequestsPerSecond, entry.Burst);
    }

    private sealed record Snapshot(FrozenDictionary<string, ApiKey> Keys)
    {
        public static readonly Snapshot Empty = new(FrozenDictionary<string, ApiKey>.Empty);

        public FrozenDictionary<string, ApiKey>.AlternateLookup<ReadOnlySpan<char>> ById { get; } = Keys.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private sealed record FileStamp(long Length, DateTime LastWriteUtc)
    {
        public static readonly FileStamp None = new(-1, DateTime.MinValue);

        public static FileStamp Of(string path)
        {
            if (string.IsNullOrEmpty(path))
            {
                return None;
            }

            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : None;
        }
    }
}

/// <summary>The keys file: <c>{"keys": [{"id": ..., "name": ..., "sha256": ..., "roles": [...]}]}</c>.</summary>
internal sealed class KeysFile
{
    [JsonPropertyName("keys")]
    public List<ApiKeyEntry> Keys { get; set; } = [];
}

[JsonSerializable(typeof(KeysFile))]
[JsonSourceGenerationOptions(ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
internal sealed partial class KeysFileJsonContext : JsonSerializerContext;
