using System.Globalization;
using System.Text.Json;
using VoiceFleet.Text.Analysis;
using VoiceFleet.Text.Mandarin;
using VoiceFleet.Text.Tests.Analysis;
using Xunit;

namespace VoiceFleet.Text.Tests.Mandarin;

public sealed class PinyinIpaTests
{
    [Theory]
    [InlineData("yin2", "in2")]
    [InlineData("hang2", "xɑŋ2")]
    [InlineData("zhang3", "ʈʂɑŋ3")]
    [InlineData("chi1", "ʈʂhɻ1")]
    [InlineData("shi4", "ʂɻ4")]
    [InlineData("ri4", "ʐɻ4")]
    [InlineData("zi4", "tsɨ4")]
    [InlineData("ci2", "tshɨ2")]
    [InlineData("si1", "sɨ1")]
    [InlineData("ji1", "tɕi1")]
    [InlineData("qu4", "tɕhy4")]
    [InlineData("xue2", "ɕɥɛ2")]
    [InlineData("juan3", "tɕɥɛn3")]
    [InlineData("jun1", "tɕyn1")]
    [InlineData("lv4", "ly4")]
    [InlineData("nve4", "nɥɛ4")]
    [InlineData("yu2", "y2")]
    [InlineData("yue4", "ɥɛ4")]
    [InlineData("yuan2", "ɥɛn2")]
    [InlineData("yun4", "yn4")]
    [InlineData("yi1", "i1")]
    [InlineData("ya1", "ja1")]
    [InlineData("ye3", "jɛ3")]
    [InlineData("you3", "joʊ3")]
    [InlineData("yan2", "jɛn2")]
    [InlineData("ying1", "iŋ1")]
    [InlineData("yong3", "jʊŋ3")]
    [InlineData("wu3", "u3")]
    [InlineData("wo3", "wo3")]
    [InlineData("wei4", "weɪ4")]
    [InlineData("wen4", "wən4")]
    [InlineData("weng1", "wəŋ1")]
    [InlineData("dui4", "tweɪ4")]
    [InlineData("liu2", "ljoʊ2")]
    [InlineData("lun2", "lwən2")]
    [InlineData("tian1", "thjɛn1")]
    [InlineData("xiong2", "ɕjʊŋ2")]
    [InlineData("hong2", "xʊŋ2")]
    [InlineData("bo1", "pwo1")]
    [InlineData("po4", "phwo4")]
    [InlineData("kai1", "khaɪ1")]
    [InlineData("gao1", "kɑʊ1")]
    [InlineData("de5", "tɤ5")]
    [InlineData("er4", "ɚ4")]
    [InlineData("ng2", "ŋ2")]
    [InlineData("ma", "ma5")]
    [InlineData("dianr3", "tjaɻ3")]
    [InlineData("wanr2", "waɻ2")]
    [InlineData("kuair4", "khwaɻ4")]
    [InlineData("shir4", "ʂəɻ4")]
    [InlineData("jinr1", "tɕiəɻ1")]
    [InlineData("huar1", "xwaɻ1")]
    public void TryConvert_Syllable_BroadIpaWithToneDigit(string syllable, string expected)
    {
        Assert.True(PinyinIpa.TryConvert(syllable, out var ipa));
        Assert.Equal(expected, ipa);
    }

    [Theory]
    [InlineData("xyz1")]
    [InlineData("")]
    [InlineData("hm1")]
    public void TryConvert_NotASyllable_False(string syllable) =>
        Assert.False(PinyinIpa.TryConvert(syllable, out _));

    [Fact]
    public void Convert_Syllables_JoinedWithSpaces() =>
        Assert.Equal("in2 xɑŋ2", PinyinIpa.Convert(["yin2", "hang2"]));

    [Fact]
    public void Convert_EverySyllableToneAndErhua_OnlyForgedVoiceSymbols()
    {
        var problems = new List<string>();
        var count = 0;
        foreach (var syllable in Pinyin.Syllables)
        {
            foreach (var form in new[] { syllable, syllable + "r" })
            {
                for (var tone = 1; tone <= 5; tone++)
                {
                    var written = form + tone.ToString(CultureInfo.InvariantCulture);
                    count++;
                    if (!PinyinIpa.TryConvert(written, out var ipa))
                    {
                        problems.Add(written + ": not converted");
                    }
                    else if (ForgedInventory.Missing(ipa) is { Count: > 0 } missing)
                    {
                        problems.Add($"{written} → {ipa}: lacks {string.Join(' ', missing)}");
                    }
                }
            }
        }

        Assert.Equal(Pinyin.Syllables.Count * 2 * 5, count);
        Assert.Empty(problems);
    }

    [Fact]
    public void Convert_EveryLexiconReading_OnlyForgedVoiceSymbols()
    {
        var readings = TestData.Lexicon.DistinctSyllables;

        var problems = readings
            .Select(r => PinyinIpa.TryConvert(r, out var ipa) ? (r, Missing: ForgedInventory.Missing(ipa)) : (r, Missing: ["not converted"]))
            .Where(p => p.Missing.Count > 0)
            .Select(p => $"{p.r}: {string.Join(' ', p.Missing)}")
            .ToList();

        Assert.True(readings.Count > 1000, $"only {readings.Count} readings");
        Assert.Empty(problems);
    }

    [Fact]
    public void Convert_DistinctSyllables_DistinctIpa()
    {
        // No two syllables may merge (er and e + erhua are the one spelling "er", and read as er).
        var merged = PinyinIpa.Toneless
            .GroupBy(p => p.Value, StringComparer.Ordinal)
            .Where(g => g.Count() > 1 && g.Any(p => !p.Key.EndsWith('r')))
            .Select(g => string.Join(" = ", g.Select(p => p.Key)))
            .ToList();

        Assert.Empty(merged);
    }

    [Fact]
    public async Task Analyze_GoldenMandarinSentences_EverySyllableConvertedWithinForgedVoice()
    {
        var sentences = 0;
        var syllables = 0;
        foreach (var text in GoldenMandarin())
        {
            var result = await TestData.Analyzer.TextAsync(text);
            Assert.DoesNotContain(result.Warnings, w => w.Code == WarningCodes.G2pFallback);
            foreach (var sentence in result.Sentences)
            {
                sentences++;
                var spoken = sentence.Words.Where(w => !w.Punctuation).SelectMany(w => w.Phonemes).ToList();
                syllables += spoken.Count;
                Assert.All(spoken, s => Assert.True(PinyinIpa.TryConvert(s, out _), s));
                Assert.Empty(ForgedInventory.Missing(sentence.IpaPhonemes));
                var ipaSyllables = sentence.IpaPhonemes.Split(' ');
                Assert.Equal(spoken.Count, ipaSyllables.Length);
                Assert.Equal(spoken.Select(s => s[^1]), ipaSyllables.Select(s => s.TrimEnd('，', '。', '？', '！')[^1]));
            }
        }

        Assert.True(sentences >= 35, $"{sentences} sentences");
        Assert.True(syllables > 400, $"{syllables} syllables");
    }

    [Fact]
    public async Task Analyze_MandarinText_IpaPhonemesBesidePinyin()
    {
        var sentence = (await TestData.Analyzer.TextAsync("银行的行长来了。")).Sentences.Single();

        Assert.Equal("yin2 hang2 de5 hang2 zhang3 lai2 le5。", sentence.Phonemes);
        Assert.Equal("in2 xɑŋ2 tɤ5 xɑŋ2 ʈʂɑŋ3 laɪ2 lɤ5。", sentence.IpaPhonemes);
        Assert.Equal(PhonemeAlphabet.Pinyin, sentence.Alphabet);
    }

    [Fact]
    public async Task Analyze_Erhua_MergedSyllableConverted()
    {
        var sentence = (await TestData.Analyzer.TextAsync("一点儿")).Sentences.Single();

        Assert.Equal("yi4 dianr3", sentence.Phonemes);
        Assert.Equal("i4 tjaɻ3", sentence.IpaPhonemes);
    }

    [Fact]
    public async Task Analyze_MixedSentence_OnlyPinyinConverted()
    {
        var sentence = (await TestData.Analyzer.TextAsync("我用iPhone")).Sentences.Single();

        Assert.StartsWith("wo3 yong4 ", sentence.Phonemes, StringComparison.Ordinal);
        Assert.Equal("wo3 jʊŋ4 " + sentence.Phonemes["wo3 yong4 ".Length..], sentence.IpaPhonemes);
    }

    [Fact]
    public async Task Analyze_EnglishText_IpaPhonemesEqualPhonemes()
    {
        var sentence = (await TestData.Analyzer.TextAsync("Hello there.", "en")).Sentences.Single();

        Assert.Equal(sentence.Phonemes, sentence.IpaPhonemes);
    }

    [Fact]
    public async Task Analyze_SsmlPinyinPhoneme_Converted()
    {
        var sentence = (await TestData.Analyzer.SsmlAsync("<speak>银<phoneme alphabet=\"pinyin\" ph=\"hang2\">行</phoneme></speak>")).Sentences.Single();

        Assert.Equal("yin2 hang2", sentence.Phonemes);
        Assert.Equal("in2 xɑŋ2", sentence.IpaPhonemes);
    }

    [Fact]
    public async Task Analyze_PinyinPhonemeInput_Converted()
    {
        var result = await TestData.Analyzer.AnalyzeAsync(new AnalysisRequest { Phonemes = new PhonemeInputSpec(PhonemeAlphabet.Pinyin, "yín háng, dianr3。") });

        var sentence = result.Sentences.Single();
        Assert.Equal("yin2 hang2, dianr3。", sentence.Phonemes);
        Assert.Equal("in2 xɑŋ2, tjaɻ3。", sentence.IpaPhonemes);
    }

    private static IEnumerable<string> GoldenMandarin()
    {
        foreach (var line in File.ReadLines(TestData.EvalFile("golden.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.GetProperty("lang").GetString() == "zh")
            {
                yield return json.RootElement.GetProperty("text").GetString()!;
            }
        }
    }
}
