using System.Net;
using System.Text;
using System.Text.Json;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Rpc;
using Xunit;

namespace VoiceFleet.Frontend.Tests;

/// <summary>The TextFrontend service over real sockets: Analyze, the lexicons, REST, and its answers to bad input.</summary>
public sealed class FrontendServiceTests(FrontendServiceFixture fixture) : IClassFixture<FrontendServiceFixture>
{
    private TextFrontendClient Client => new(fixture.Service.Channel);

    private Task<AnalyzeResponse> AnalyzeAsync(AnalyzeRequest request) => Client.AnalyzeAsync(request).ResponseAsync;

    [Fact]
    public async Task Analyze_MandarinText_SentencesWordsAndSyllables()
    {
        var response = await AnalyzeAsync(new AnalyzeRequest { Text = "银行的行长2023年来了。重要的事情，请重新检查。" });

        Assert.Equal("zh", response.Language);
        Assert.Equal(2, response.Sentences.Count);
        var first = response.Sentences[0];
        Assert.Equal("银行的行长二零二三年来了。", first.Text);
        Assert.Equal(PhonemeAlphabet.Pinyin, first.Alphabet);
        Assert.Equal(BreakType.Sentence, first.BreakType);
        Assert.Equal(BreakType.End, response.Sentences[1].BreakType);
        var president = first.Words.Single(w => w.Text == "行长");
        Assert.Equal(["hang2", "zhang3"], president.Syllables.Select(s => s.Pinyin));
        Assert.Equal(PronunciationSource.LexiconPhrase, president.Source);
        Assert.StartsWith("yin2 hang2 de5 hang2 zhang3", first.Phonemes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_EnglishText_IpaFromEspeak()
    {
        var response = await AnalyzeAsync(new AnalyzeRequest { Text = "I waited all night, but nobody came.", Language = "en-US" });

        var sentence = Assert.Single(response.Sentences);
        Assert.Equal("en-us", sentence.Language);
        Assert.Equal(PhonemeAlphabet.Ipa, sentence.Alphabet);
        Assert.Equal("aɪ wˈeɪɾᵻd ˈɔːl nˈaɪt, bˌʌt nˈoʊbɑːdi kˈeɪm.", sentence.Phonemes);
        Assert.All(sentence.Words.Where(w => !w.Punctuation), w => Assert.Equal(PronunciationSource.G2P, w.Source));
    }

    [Fact]
    public async Task Analyze_Ssml_EmotionProsodyAndBreaks()
    {
        const string ssml = """
            <speak xmlns:vf="urn:voicefleet:ssml">
              <vf:emotion name="happy" strength="0.8"><prosody rate="fast">太好了！</prosody></vf:emotion>
              <break time="700ms"/>
              我们走吧。
            </speak>
            """;

        var response = await AnalyzeAsync(new AnalyzeRequest { Ssml = ssml });

        var first = response.Sentences[0];
        Assert.Equal("happy", first.Emotion.Label);
        Assert.Equal(0.8f, first.Emotion.Strength);
        Assert.Equal(1.25f, first.Prosody.Rate);
        Assert.Equal(BreakType.Explicit, first.BreakType);
        Assert.Equal(0.7, first.PauseAfterSeconds, 3);
    }

    [Fact]
    public async Task Analyze_FileLexiconAndRequestEntries_Precedence()
    {
        var request = new AnalyzeRequest { Text = "银行在重庆" };
        request.LexiconEntries.Add(new LexiconEntry { Word = "重庆", Phoneme = "zhong4 qing4" });

        var words = (await AnalyzeAsync(request)).Sentences.Single().Words;

        var bank = words.Single(w => w.Text == "银行");
        Assert.Equal(PronunciationSource.Override, bank.Source);
        var city = words.Single(w => w.Text == "重庆");
        Assert.Equal(PronunciationSource.Request, city.Source);
        Assert.Equal("zhong4", city.Syllables[0].Pinyin);
    }

    [Fact]
    public async Task Analyze_InlineAnnotation_Wins()
    {
        var words = (await AnalyzeAsync(new AnalyzeRequest { Text = "重[chong2]庆" })).Sentences.Single().Words;

        Assert.Equal("chong2", words[0].Syllables[0].Pinyin);
        Assert.Equal(PronunciationSource.Inline, words[0].Source);
    }

    [Fact]
    public async Task Analyze_ModelVersion_PhonemeIdsFromItsMap()
    {
        var response = await AnalyzeAsync(new AnalyzeRequest { Phonemes = new PhonemeInput { Alphabet = PhonemeAlphabet.Ipa, Phonemes = "həlˈoʊ." }, ModelVersion = "tiny-voice/v1" });

        Assert.Equal([1L, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8, 0, 9, 0, 10, 0, 2], response.Sentences.Single().PhonemeIds);
    }

    [Fact]
    public async Task Analyze_BareVersion_FoundWhenUnique()
    {
        var response = await AnalyzeAsync(new AnalyzeRequest { Text = "hello", Language = "en", ModelVersion = "v1" });

        Assert.NotEmpty(response.Sentences.Single().PhonemeIds);
    }

    [Fact]
    public async Task Analyze_TextWithSymbolsMissingFromModel_WarningNotError()
    {
        var response = await AnalyzeAsync(new AnalyzeRequest { Text = "Nobody came.", Language = "en", ModelVersion = "tiny-voice/v1" });

        var warning = Assert.Single(response.Warnings, w => w.Code == "G2P_FALLBACK");
        Assert.Equal("model_version", warning.Field);
    }

    [Fact]
    public async Task Analyze_PhonemesMissingFromModel_InvalidArgument()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => AnalyzeAsync(new AnalyzeRequest { Phonemes = new PhonemeInput { Alphabet = PhonemeAlphabet.Ipa, Phonemes = "wˈɜːld" }, ModelVersion = "tiny-voice/v1" }));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("'w'", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tiny-voice/v9")]
    [InlineData("no-such-model/v1")]
    [InlineData("v9")]
    public async Task Analyze_UnknownModelVersion_NotFound(string modelVersion)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => AnalyzeAsync(new AnalyzeRequest { Text = "你好", ModelVersion = modelVersion }));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Analyze_BadInput_InvalidArgumentWithClearMessage(AnalyzeRequest request, string expected)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => AnalyzeAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(expected, ex.Status.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<AnalyzeRequest, string> BadRequests() => new()
    {
        { new AnalyzeRequest(), "input: is missing" },
        { new AnalyzeRequest { Text = "  " }, "text: is empty" },
        { new AnalyzeRequest { Text = new string('字', 5001) }, "limit is 5000" },
        { new AnalyzeRequest { Text = "a\u0001b" }, "U+0001" },
        { new AnalyzeRequest { Text = "你好", Language = "tlh" }, "language: 'tlh' is not a supported language" },
        { new AnalyzeRequest { Ssml = "<speak>\n<s>unclosed</speak>" }, "ssml: line 2, column" },
        { new AnalyzeRequest { Phonemes = new PhonemeInput { Alphabet = PhonemeAlphabet.Pinyin, Phonemes = "ni3 xyz2" } }, "'xyz2' is not a pinyin syllable" },
        { new AnalyzeRequest { Text = "好😀", Strict = true }, "U+1F600" },
        { new AnalyzeRequest { Text = "好", LexiconEntries = { new LexiconEntry { Word = "好", Phoneme = "hao9" } } }, "lexicon_entries[0].phoneme" },
        { new AnalyzeRequest { Text = "好", Lexicons = { "Bad Name" } }, "lexicons" },
    };

    [Fact]
    public async Task Analyze_UnpairedSurrogate_ArrivesAsReplacementCharacter_InvalidArgument()
    {
        // Protobuf strings are UTF-8: a lone surrogate reaches the server as U+FFFD, which is refused.
        var ex = await Assert.ThrowsAsync<RpcException>(() => AnalyzeAsync(new AnalyzeRequest { Text = "a" + (char)0xDC00 + "b" }));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("U+FFFD", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_UnpairedSurrogateEscape_InvalidArgument()
    {
        using var http = new HttpClient { BaseAddress = fixture.Service.HttpAddress };
        using var content = new StringContent("{\"text\": \"a\\udc00b\"}", Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri("/v1/text/analyze", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("surrogate", body, StringComparison.Ordinal);
        Assert.Contains("INVALID_ARGUMENT", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_UnknownLexicon_NotFound()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => AnalyzeAsync(new AnalyzeRequest { Text = "好", Lexicons = { "never-created" } }));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Lexicons_PutAnalyzeListDelete_RoundTrip()
    {
        var put = new PutLexiconEntriesRequest { Lexicon = "test-roundtrip" };
        put.Entries.Add(new LexiconEntry { Word = "长", Context = "长大", Phoneme = "zhǎng" });
        put.Entries.Add(new LexiconEntry { Word = "tomato", Phoneme = "təmˈɑːtoʊ", Language = "en" });
        var written = await Client.PutLexiconEntriesAsync(put).ResponseAsync;
        Assert.Equal(2, written.Upserted);

        var analyzed = await AnalyzeAsync(new AnalyzeRequest { Text = "长大了", Lexicons = { "test-roundtrip" } });
        var grown = analyzed.Sentences.Single().Words.SelectMany(w => w.Syllables).First();
        Assert.Equal("zhang3", grown.Pinyin);

        var listed = await Client.ListLexiconEntriesAsync(new ListLexiconEntriesRequest { Lexicon = "test-roundtrip", Language = "zh" }).ResponseAsync;
        var entry = Assert.Single(listed.Entries);
        Assert.Equal("zhang3", entry.Phoneme);
        Assert.Equal(written.Revision, listed.Revision);

        var deleted = await Client.DeleteLexiconEntriesAsync(new DeleteLexiconEntriesRequest { Lexicon = "test-roundtrip", Entries = { new LexiconEntry { Word = "长", Context = "长大" } } }).ResponseAsync;
        Assert.Equal(1, deleted.Deleted);
        Assert.True(deleted.Revision > written.Revision);
    }

    [Fact]
    public async Task ListLexiconEntries_Pages_ThroughEveryEntry()
    {
        var put = new PutLexiconEntriesRequest { Lexicon = "test-pages" };
        foreach (var word in new[] { "一", "二", "三", "四", "五" })
        {
            put.Entries.Add(new LexiconEntry { Word = word, Phoneme = "yi1" });
        }

        await Client.PutLexiconEntriesAsync(put).ResponseAsync;
        var seen = new List<string>();
        var token = string.Empty;
        do
        {
            var page = await Client.ListLexiconEntriesAsync(new ListLexiconEntriesRequest { Lexicon = "test-pages", PageSize = 2, PageToken = token }).ResponseAsync;
            seen.AddRange(page.Entries.Select(e => e.Word));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(5, seen.Distinct().Count());
    }

    [Fact]
    public async Task ListLexiconEntries_FileLexicon_Listed()
    {
        var listed = await Client.ListLexiconEntriesAsync(new ListLexiconEntriesRequest { Lexicon = "file" }).ResponseAsync;

        Assert.Equal(2, listed.Entries.Count);
    }

    [Fact]
    public async Task PutLexiconEntries_FileLexicon_FailedPrecondition()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.PutLexiconEntriesAsync(new PutLexiconEntriesRequest { Lexicon = "file", Entries = { new LexiconEntry { Word = "好", Phoneme = "hao3" } } }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
    }

    [Fact]
    public async Task DeleteLexiconEntries_FileLexicon_FailedPrecondition()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.DeleteLexiconEntriesAsync(new DeleteLexiconEntriesRequest { Lexicon = "file" }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
    }

    [Theory]
    [InlineData("Bad Name", 1, StatusCode.InvalidArgument)]
    [InlineData("ok-name", 0, StatusCode.InvalidArgument)]
    [InlineData("ok-name", 1001, StatusCode.InvalidArgument)]
    public async Task PutLexiconEntries_BadRequests_Refused(string name, int count, StatusCode expected)
    {
        var put = new PutLexiconEntriesRequest { Lexicon = name };
        for (var i = 0; i < count; i++)
        {
            put.Entries.Add(new LexiconEntry { Word = "好", Phoneme = "hao3" });
        }

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.PutLexiconEntriesAsync(put).ResponseAsync);

        Assert.Equal(expected, ex.StatusCode);
    }

    [Fact]
    public async Task PutLexiconEntries_OneBadEntry_NothingWritten()
    {
        var put = new PutLexiconEntriesRequest { Lexicon = "test-atomic" };
        put.Entries.Add(new LexiconEntry { Word = "好", Phoneme = "hao3" });
        put.Entries.Add(new LexiconEntry { Word = "坏", Phoneme = "" });

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.PutLexiconEntriesAsync(put).ResponseAsync);
        var list = await Assert.ThrowsAsync<RpcException>(() => Client.ListLexiconEntriesAsync(new ListLexiconEntriesRequest { Lexicon = "test-atomic" }).ResponseAsync);

        Assert.Contains("entries[1].phoneme", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, list.StatusCode);
    }

    [Theory]
    [InlineData(-1, "")]
    [InlineData(1001, "")]
    [InlineData(10, "not-a-token")]
    public async Task ListLexiconEntries_BadPaging_InvalidArgument(int size, string token)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.ListLexiconEntriesAsync(new ListLexiconEntriesRequest { Lexicon = "file", PageSize = size, PageToken = token }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
    }

    [Fact]
    public async Task Rest_Analyze_SameContentAsJson()
    {
        using var http = new HttpClient { BaseAddress = fixture.Service.HttpAddress };
        using var content = new StringContent("{\"text\": \"你好，world。\", \"modelVersion\": \"\"}", Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri("/v1/text/analyze", UriKind.Relative), content);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sentence = json.GetProperty("sentences")[0];
        Assert.Equal("你好，world。", sentence.GetProperty("text").GetString());
        Assert.Equal("PHONEME_ALPHABET_PINYIN", sentence.GetProperty("alphabet").GetString());
        Assert.Equal("ni3", sentence.GetProperty("words")[0].GetProperty("syllables")[0].GetProperty("pinyin").GetString());
    }

    [Theory]
    [InlineData("{\"text\": \"\"}", HttpStatusCode.BadRequest, "INVALID_ARGUMENT")]
    [InlineData("not json", HttpStatusCode.BadRequest, "INVALID_ARGUMENT")]
    [InlineData("{\"txet\": \"typo\"}", HttpStatusCode.BadRequest, "INVALID_ARGUMENT")]
    [InlineData("{\"text\": \"hi\", \"lexicons\": [\"missing-one\"]}", HttpStatusCode.NotFound, "NOT_FOUND")]
    public async Task Rest_Analyze_ErrorsAsJson(string body, HttpStatusCode status, string code)
    {
        using var http = new HttpClient { BaseAddress = fixture.Service.HttpAddress };
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri("/v1/text/analyze", UriKind.Relative), content);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, json.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("error").GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Analyze_ManyConcurrentEnglishCalls_AllAnswered()
    {
        var calls = Enumerable.Range(0, 32).Select(i => AnalyzeAsync(new AnalyzeRequest { Text = $"Call number {i} is here.", Language = "en" }));

        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.NotEmpty(r.Sentences.Single().Phonemes));
    }
}
