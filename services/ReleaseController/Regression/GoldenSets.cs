using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using VoiceFleet.ReleaseController.Configuration;
using VoiceFleet.Rpc;

namespace VoiceFleet.ReleaseController.Regression;

/// <summary>One golden-set line: <c>{"id","lang","emotion","text","description"}</c>.</summary>
internal sealed record GoldenItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("lang")] string Lang,
    [property: JsonPropertyName("emotion")] string Emotion,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("description")] string? Description);

/// <summary>A golden set as loaded: its items and the sha256 of the file.</summary>
internal sealed record GoldenSet(string Name, string Path, string Sha256, IReadOnlyList<GoldenItem> Items);

/// <summary>Golden sets (<c>NAME.jsonl</c> under the eval folder), read once each.</summary>
internal sealed class GoldenSets(IOptions<RegressionOptions> options)
{
    private readonly ConcurrentDictionary<string, GoldenSet> _loaded = new(StringComparer.Ordinal);

    /// <summary>The set named <paramref name="name"/> (empty = the default); FAILED_PRECONDITION when missing or malformed.</summary>
    public GoldenSet Get(string name)
    {
        var setName = string.IsNullOrEmpty(name) ? options.Value.DefaultGoldenSet : name;
        return _loaded.GetOrAdd(setName, Load);
    }

    private GoldenSet Load(string name)
    {
        var path = Path.Join(options.Value.ResolvedEvalDirectory, name + ".jsonl");
        if (!File.Exists(path))
        {
            throw new RpcException(StatusCode.FailedPrecondition, $"golden set '{name}' not found at {path}.");
        }

        var bytes = File.ReadAllBytes(path);
        var items = new List<GoldenItem>();
        var lineNumber = 0;
        foreach (var line in System.Text.Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            GoldenItem? item;
            try
            {
                item = JsonSerializer.Deserialize<GoldenItem>(line);
            }
            catch (JsonException ex)
            {
                throw new RpcException(StatusCode.FailedPrecondition, $"golden set '{name}' line {lineNumber}: {ex.Message}");
            }

            if (item is null || string.IsNullOrWhiteSpace(item.Id) || string.IsNullOrWhiteSpace(item.Text) || string.IsNullOrWhiteSpace(item.Emotion))
            {
                throw new RpcException(StatusCode.FailedPrecondition, $"golden set '{name}' line {lineNumber}: id, emotion and text are required.");
            }

            items.Add(item);
        }

        if (items.Count == 0)
        {
            throw new RpcException(StatusCode.FailedPrecondition, $"golden set '{name}' is empty.");
        }

        return new GoldenSet(name, path, Convert.ToHexStringLower(SHA256.HashData(bytes)), items);
    }
}
