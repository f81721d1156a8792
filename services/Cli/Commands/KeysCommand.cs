using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VoiceFleet.Cli.Fleet;

namespace VoiceFleet.Cli.Commands;

/// <summary>
/// <c>voicefleet keys create --role R</c>: a new gateway API key, printed once; the keys file keeps only its
/// SHA-256 (the format the gateway reads, docs/gateway.md). The gateway re-reads the file on change.
/// </summary>
internal static class KeysCommand
{
    /// <summary>The environment variable naming the keys file.</summary>
    public const string KeysFileVariable = "VOICEFLEET_KEYS_FILE";

    /// <summary>The roles a key can hold.</summary>
    public static readonly IReadOnlyList<string> Roles = ["synthesize", "clone", "enroll", "tester", "release-admin"];

    public static Command Create(TextWriter output, TextWriter error) => new("keys", "Gateway API keys.")
    {
        CreateCreate(output, error),
    };

    /// <summary>
    /// The keys file: <c>$VOICEFLEET_KEYS_FILE</c>, else <c>gateway/keys.json</c> in the local fleet's data
    /// directory (where <c>voicefleet up</c> points its gateway).
    /// </summary>
    public static string DefaultKeysFile() =>
        Environment.GetEnvironmentVariable(KeysFileVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Join(FleetStorage.Default().DataDirectory, "gateway", "keys.json");

    /// <summary>
    /// The local fleet's admin key (every role): read from <c>gateway/local-admin.key</c> in
    /// <paramref name="dataDirectory"/>, or created on first use (its hash added to <c>gateway/keys.json</c>, the key
    /// itself kept in that 0600 file so the CLI can use it against the local fleet without asking).
    /// </summary>
    public static async Task<string> EnsureLocalAdminKeyAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var keyPath = Path.Join(dataDirectory, "gateway", "local-admin.key");
        if (File.Exists(keyPath) && (await File.ReadAllTextAsync(keyPath, cancellationToken).ConfigureAwait(false)).Trim() is { Length: > 0 } existing)
        {
            return existing;
        }

        var created = await CreateKeyAsync(Path.Join(dataDirectory, "gateway", "keys.json"), Roles, "local-admin", cancellationToken).ConfigureAwait(false);
        var temporary = keyPath + ".tmp";
        await File.WriteAllTextAsync(temporary, created.Key + "\n", cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, keyPath, overwrite: true);
        return created.Key;
    }

    /// <summary>A created key: its public id and the key itself (shown once, never stored).</summary>
    public sealed record CreatedKey(string Id, string Key, string Name, IReadOnlyList<string> Roles, string KeysFile);

    /// <summary>
    /// Creates a key with <paramref name="roles"/> and appends its hash to <paramref name="keysFile"/> (created,
    /// mode 0600, when missing; replaced atomically so the gateway never reads half a file).
    /// </summary>
    public static async Task<CreatedKey> CreateKeyAsync(string keysFile, IReadOnlyList<string> roles, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var unknown = roles.Where(r => !Roles.Contains(r)).ToArray();
        if (unknown.Length > 0 || roles.Count == 0)
        {
            throw new ArgumentException($"unknown role '{string.Join(", ", unknown)}': use {string.Join(", ", Roles)}", nameof(roles));
        }

        var (id, key) = NewKey();
        var root = File.Exists(keysFile)
            ? JsonNode.Parse(await File.ReadAllTextAsync(keysFile, cancellationToken).ConfigureAwait(false)) as JsonObject ?? throw new InvalidDataException($"{keysFile} is not a JSON object.")
            : new JsonObject();
        if (root["keys"] is not JsonArray keys)
        {
            keys = [];
            root["keys"] = keys;
        }

        keys.Add(new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))),
            ["roles"] = new JsonArray([.. roles.Distinct().Select(r => (JsonNode)r)]),
            ["created"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        });

        var directory = Path.GetDirectoryName(Path.GetFullPath(keysFile));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = keysFile + ".tmp";
        await File.WriteAllTextAsync(temporary, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, keysFile, overwrite: true);
        return new CreatedKey(id, key, name, [.. roles.Distinct()], keysFile);
    }

    /// <summary>A key <c>vfk_&lt;12 hex id&gt;.&lt;256-bit base64url secret&gt;</c> and its id.</summary>
    internal static (string Id, string Key) NewKey()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"vfk_{id}.{secret}");
    }

    private static Command CreateCreate(TextWriter output, TextWriter error)
    {
        var role = new Option<string[]>("--role")
        {
            Description = $"A role of the key ({string.Join(", ", Roles)}); repeat or separate with commas.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var name = new Option<string?>("--name") { Description = "A label for people (default: the roles)." };
        var keysFile = new Option<string?>("--keys-file") { Description = $"The gateway's keys file (default: ${KeysFileVariable}, else the local fleet's)." };
        var json = new Option<bool>("--json") { Description = "Print {\"id\": ..., \"key\": ..., \"roles\": [...], \"keysFile\": ...}." };
        var command = new Command("create", "Create an API key and print it once; the keys file keeps only its hash.")
        {
            role, name, keysFile, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var roles = parse.GetValue(role)!.SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(r => r.ToLowerInvariant()).ToArray();
            var path = parse.GetValue(keysFile) is { Length: > 0 } given ? given : DefaultKeysFile();
            CreatedKey created;
            try
            {
                created = await CreateKeyAsync(path, roles, parse.GetValue(name) ?? string.Join('+', roles), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException or JsonException)
            {
                await error.WriteLineAsync($"voicefleet keys create: {ex.Message}").ConfigureAwait(false);
                return 1;
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["id"] = created.Id,
                    ["key"] = created.Key,
                    ["name"] = created.Name,
                    ["roles"] = created.Roles,
                    ["keysFile"] = created.KeysFile,
                })).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync(created.Key).ConfigureAwait(false);
                await error.WriteLineAsync($"key {created.Id} ({string.Join(", ", created.Roles)}) added to {created.KeysFile}; it is shown only now: send it as 'authorization: Bearer <key>'.").ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
