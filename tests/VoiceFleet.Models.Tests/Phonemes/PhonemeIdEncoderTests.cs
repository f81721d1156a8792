using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Phonemes;
using VoiceFleet.Models.Tests.Support;
using Xunit;

namespace VoiceFleet.Models.Tests.Phonemes;

public sealed class PhonemeIdEncoderTests
{
    private static readonly PhonemeSpec Piper = new()
    {
        Alphabet = "ipa",
        IdMap = Manifests.IdMap(),
        Bos = "^",
        Eos = "$",
        Pad = "_",
        Intersperse = true,
    };

    [Fact]
    public void Encode_PiperLayout_IsBosPadThenEachPhonemeAndPadThenEos()
    {
        // ^ _ a _ b _ ə _ $
        Assert.Equal([1L, 0, 14, 0, 15, 0, 59, 0, 2], new PhonemeIdEncoder(Piper).Encode("abə").Ids);
    }

    [Fact]
    public void Encode_Nothing_IsBosPadEos()
    {
        Assert.Equal([1L, 0, 2], new PhonemeIdEncoder(Piper).Encode("").Ids);
    }

    [Fact]
    public void Encode_SpacesAndStress_AreOrdinaryPhonemes()
    {
        Assert.Equal([1L, 0, 120, 0, 14, 0, 3, 0, 15, 0, 2], new PhonemeIdEncoder(Piper).Encode("ˈa b").Ids);
    }

    [Fact]
    public void Encode_PhonemeWithSeveralIds_WritesThemAllBeforeThePad()
    {
        // "ts" is one phoneme with ids [200, 201]; the longest key wins over "t" + "s".
        Assert.Equal([1L, 0, 200, 201, 0, 14, 0, 2], new PhonemeIdEncoder(Piper).Encode("tsa").Ids);
    }

    [Fact]
    public void Encode_MissingPhonemes_AreSkippedAndReportedOnce()
    {
        var encoding = new PhonemeIdEncoder(Piper).Encode("axbxyz");

        Assert.Equal([1L, 0, 14, 0, 15, 0, 2], encoding.Ids);
        Assert.Equal(["x", "y", "z"], encoding.MissingPhonemes);
        Assert.False(encoding.IsComplete);
    }

    [Fact]
    public void Encode_WithoutIntersperse_HasNoPads()
    {
        var encoder = new PhonemeIdEncoder(Piper with { Intersperse = false });

        Assert.Equal([1L, 14, 15, 2], encoder.Encode("ab").Ids);
    }

    [Fact]
    public void Encode_WithoutBosAndEos_HasOnlyPhonemesAndPads()
    {
        var encoder = new PhonemeIdEncoder(Piper with { Bos = null, Eos = null });

        Assert.Equal([14L, 0, 15, 0], encoder.Encode("ab").Ids);
    }

    [Fact]
    public void Encode_PhonemeMap_ReplacesBeforeTheLookup()
    {
        var encoder = new PhonemeIdEncoder(Piper with
        {
            Map = new Dictionary<string, IReadOnlyList<string>> { ["g"] = ["a", "b"], ["q"] = ["w"] },
        });

        var encoding = encoder.Encode("gq");

        Assert.Equal([1L, 0, 14, 0, 15, 0, 2], encoding.Ids);
        Assert.Equal(["w"], encoding.MissingPhonemes);
    }

    [Fact]
    public void Encode_PhonemeList_UsesEachElementAsOnePhoneme()
    {
        var encoding = new PhonemeIdEncoder(Piper).Encode(["a", "ts", "b", "t"]);

        Assert.Equal([1L, 0, 14, 0, 200, 201, 0, 15, 0, 2], encoding.Ids);
        Assert.Equal(["t"], encoding.MissingPhonemes);
    }

    [Fact]
    public void Split_CombiningMarksAndSurrogates_AreSeparateCodePoints()
    {
        var encoder = new PhonemeIdEncoder(Piper);

        Assert.Equal(["a", "\u0303", "😀", "b"], encoder.Split("a\u0303😀b"));
    }

    [Fact]
    public void Encode_RealPiperVoiceConfig_MatchesPiper()
    {
        var manifest = Piper with { IdMap = PiperIdMap() };

        // Piper (piper-phonemize phonemes_to_ids) for "həlˈoʊ": ^ _ h _ ə _ l _ ˈ _ o _ ʊ _ $
        Assert.Equal([1L, 0, 20, 0, 59, 0, 24, 0, 120, 0, 27, 0, 100, 0, 2], new PhonemeIdEncoder(manifest).Encode("həlˈoʊ").Ids);
    }

    [Fact]
    public void Constructor_BosNotInTheMap_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PhonemeIdEncoder(Piper with { Bos = "#" }));
        Assert.Throws<ArgumentException>(() => new PhonemeIdEncoder(Piper with { Pad = null }));
    }

    private static Dictionary<string, IReadOnlyList<long>> PiperIdMap() => new()
    {
        ["_"] = [0], ["^"] = [1], ["$"] = [2], [" "] = [3], ["h"] = [20], ["l"] = [24], ["o"] = [27],
        ["ə"] = [59], ["ʊ"] = [100], ["ˈ"] = [120],
    };
}
