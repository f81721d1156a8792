using System.Text.Json;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ModelForge;
using VoiceFleet.Models.Store;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Frontend.Tests;

/// <summary>Mandarin for a model whose phoneme map is IPA only (the forged voice): pinyin is converted before the ids.</summary>
public sealed class MandarinIpaModelTests(FrontendServiceFixture fixture) : IClassFixture<FrontendServiceFixture>
{
    private static readonly string ForgedVoice = Forge.VoiceModel + "/" + Forge.HealthyVersions[0];

    private TextFrontendClient Client => new(fixture.Service.Channel);

    private Task<AnalyzeResponse> AnalyzeAsync(AnalyzeRequest request) => Client.AnalyzeAsync(request).ResponseAsync;

    [Fact]
    public async Task Analyze_GoldenMandarinWithForgedVoice_IdsCoverEverySyllableWithoutFallback()
    {
        var symbols = Symbols();
        var golden = GoldenMandarin();
        Assert.Equal(35, golden.Count);
        foreach (var text in golden)
        {
            var response = await AnalyzeAsync(new AnalyzeRequest { Text = text, ModelVersion = ForgedVoice });

            Assert.DoesNotContain(response.Warnings, w => w.Code == "G2P_FALLBACK");
            foreach (var sentence in response.Sentences)
            {
                Assert.Equal(PhonemeAlphabet.Ipa, sentence.Alphabet);
                var spoken = sentence.Words.Where(w => !w.Punctuation).SelectMany(w => w.Phonemes).ToList();
                var ipaSyllables = sentence.Phonemes.Split(' ');
                Assert.Equal(spoken.Count, ipaSyllables.Length);

                // Piper's layout ^ _ p₁ _ … pₙ _ $ over every symbol of the IPA phonemes: nothing was skipped.
                var decoded = sentence.PhonemeIds.Where((_, i) => i % 2 == 0).Skip(1).SkipLast(1).Select(id => symbols[id]);
                Assert.Equal(sentence.Phonemes, string.Concat(decoded));
                Assert.Equal(3 + (2 * sentence.Phonemes.EnumerateRunes().Count()), sentence.PhonemeIds.Count);
            }
        }
    }

    [Fact]
    public async Task Analyze_MandarinWithForgedVoice_PhonemesShowTheConvertedIpa()
    {
        var response = await AnalyzeAsync(new AnalyzeRequest { Text = "银行的行长来了。", ModelVersion = ForgedVoice });

        var sentence = response.Sentences.Single();
        Assert.Equal("in2 xɑŋ2 tɤ5 xɑŋ2 ʈʂɑŋ3 laɪ2 lɤ5。", sentence.Phonemes);
        Assert.Equal(PhonemeAlphabet.Ipa, sentence.Alphabet);
        Assert.Equal("zh", sentence.Language);
        Assert.Equal(["yin2", "hang2"], sentence.Words[0].Phonemes);
        Assert.Empty(response.Warnings);
    }

    [Fact]
    public async Task Analyze_MandarinWithoutModel_PinyinUnchanged()
    {
        var sentence = (await AnalyzeAsync(new AnalyzeRequest { Text = "银行的行长来了。" })).Sentences.Single();

        Assert.Equal("yin2 hang2 de5 hang2 zhang3 lai2 le5。", sentence.Phonemes);
        Assert.Equal(PhonemeAlphabet.Pinyin, sentence.Alphabet);
    }

    [Fact]
    public async Task Analyze_PinyinPhonemesWithForgedVoice_ConvertedNotRefused()
    {
        var response = await AnalyzeAsync(new AnalyzeRequest { Phonemes = new PhonemeInput { Alphabet = PhonemeAlphabet.Pinyin, Phonemes = "ni2 hao3。" }, ModelVersion = ForgedVoice });

        var sentence = response.Sentences.Single();
        Assert.Equal("ni2 xɑʊ3。", sentence.Phonemes);
        Assert.Equal(3 + (2 * 9), sentence.PhonemeIds.Count);
    }

    [Fact]
    public async Task Analyze_MandarinWithTinyIpaVoice_MissingSymbolsStillWarned()
    {
        var response = await AnalyzeAsync(new AnalyzeRequest { Text = "你好", ModelVersion = "tiny-voice/v1" });

        var warning = Assert.Single(response.Warnings, w => w.Code == "G2P_FALLBACK");
        Assert.Equal("model_version", warning.Field);
        Assert.Contains("converted from pinyin", warning.Message, StringComparison.Ordinal);
    }

    private Dictionary<long, string> Symbols()
    {
        var manifest = new ModelStore(new ModelStoreOptions { Root = fixture.ModelStore }).Describe(Forge.VoiceModel, Forge.HealthyVersions[0]);
        return manifest.Phonemes!.IdMap.ToDictionary(p => p.Value.Single(), p => p.Key);
    }

    private static List<string> GoldenMandarin()
    {
        var texts = new List<string>();
        foreach (var line in File.ReadLines(RepoPaths.Combine("tests", "data", "eval", "golden.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.GetProperty("lang").GetString() == "zh")
            {
                texts.Add(json.RootElement.GetProperty("text").GetString()!);
            }
        }

        return texts;
    }
}
