using VoiceFleet.ModelForge;
using VoiceFleet.Models.Store;

namespace VoiceFleet.Text.Tests;

/// <summary>The phoneme symbols of the forged voice (its bundle's id map), forged once per test run into a temporary store.</summary>
internal static class ForgedInventory
{
    private static readonly Lazy<IReadOnlySet<string>> SymbolsValue = new(() =>
    {
        var root = Directory.CreateTempSubdirectory("voicefleet-text-forge-").FullName;
        try
        {
            new Forge().Run(root);
            var manifest = new ModelStore(new ModelStoreOptions { Root = root }).Describe(Forge.VoiceModel, Forge.HealthyVersions[0]);
            return manifest.Phonemes!.IdMap.Keys.ToHashSet(StringComparer.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    });

    /// <summary>Every symbol of the forged voice's IPA map.</summary>
    public static IReadOnlySet<string> Symbols => SymbolsValue.Value;

    /// <summary>The code points of <paramref name="phonemes"/> the forged voice lacks, each once.</summary>
    public static IReadOnlyList<string> Missing(string phonemes) =>
        [.. phonemes.EnumerateRunes().Select(r => r.ToString()).Where(s => !Symbols.Contains(s)).Distinct()];
}
