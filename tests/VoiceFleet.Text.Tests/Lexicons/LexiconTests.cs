using Microsoft.Extensions.Logging.Abstractions;
using VoiceFleet.Text.Lexicons;
using Xunit;

namespace VoiceFleet.Text.Tests.Lexicons;

public sealed class LexiconTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("voicefleet-lexicon-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("行长", "", "háng zhǎng", "hang2 zhang3")]
    [InlineData("行", "银行", "hang2", "hang2")]
    [InlineData("tomato", "", "təmˈɑːtoʊ", "təmˈɑːtoʊ")]
    public void Validate_GoodEntries_Canonical(string word, string context, string phoneme, string canonical)
    {
        var entry = EntryValidator.Validate(word, context, phoneme, null, "entries[0]");

        Assert.Equal(canonical, entry.Phoneme);
        Assert.Equal(word.Any(c => c > 0x3000) ? "zh" : "en", entry.Language);
    }

    [Theory]
    [InlineData("", "", "a", "entries[0].word")]
    [InlineData("行", "", "", "entries[0].phoneme")]
    [InlineData("行长", "", "hang2", "entries[0].phoneme")]
    [InlineData("行", "", "hangg2", "entries[0].phoneme")]
    [InlineData("行", "长江", "hang2", "entries[0].context")]
    [InlineData("tomato", "", "t0mato", "entries[0].phoneme")]
    public void Validate_BadEntries_InvalidNamingField(string word, string context, string phoneme, string field)
    {
        var ex = Assert.Throws<TextInputException>(() => EntryValidator.Validate(word, context, phoneme, null, "entries[0]"));

        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void FileLexicon_FileChanges_ReloadedAfterInterval()
    {
        var path = Path.Combine(directory, "G2P_replace_dict.jsonl");
        File.WriteAllText(path, "{\"word\": \"行\", \"context\": \"银行\", \"phoneme\": \"hang2\"}\n");
        var clock = new ManualTimeProvider();
        var lexicon = new FileLexicon(path, clock, TimeSpan.FromSeconds(2), NullLogger.Instance);
        Assert.Equal(1, lexicon.Current.Count);

        File.WriteAllText(path, "{\"word\": \"行\", \"context\": \"银行\", \"phoneme\": \"hang2\"}\n\n{\"word\": \"长\", \"context\": \"行长\", \"phoneme\": \"zhang3\"}\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        Assert.Equal(1, lexicon.Current.Count);

        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(2, lexicon.Current.Count);
        Assert.Equal(2, lexicon.Current.Revision);
    }

    [Fact]
    public void FileLexicon_BrokenEdit_KeepsPreviousEntries()
    {
        var path = Path.Combine(directory, "lexicon.jsonl");
        File.WriteAllText(path, "{\"word\": \"行\", \"phoneme\": \"hang2\"}\n");
        var clock = new ManualTimeProvider();
        var lexicon = new FileLexicon(path, clock, TimeSpan.FromSeconds(1), NullLogger.Instance);

        File.WriteAllText(path, "{\"word\": \"行\", \"phoneme\": \"hang2\"}\nnot json\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(1, lexicon.Current.Count);
        Assert.Equal(1, lexicon.Current.Revision);
    }

    [Fact]
    public void FileLexicon_BadLineAtStart_ThrowsNamingLine()
    {
        var path = Path.Combine(directory, "lexicon.jsonl");
        File.WriteAllText(path, "{\"word\": \"行\", \"phoneme\": \"hang2\"}\n{\"word\": \"行长\", \"phoneme\": \"hang2\"}\n");

        var ex = Assert.Throws<TextInputException>(() => new FileLexicon(path, TimeProvider.System, TimeSpan.FromSeconds(1), NullLogger.Instance));

        Assert.Contains("lexicon.jsonl line 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_PutListDelete_RevisionsIncrease()
    {
        var store = new LexiconStore(new FileLexicon(null, TimeProvider.System, TimeSpan.FromSeconds(1), NullLogger.Instance), null, NullLogger.Instance);
        var entry = EntryValidator.Validate("行长", "", "hang2 zhang3", null, "e");

        var first = store.Put("team-a", [entry]);
        var second = store.Put("team-a", [entry with { Phoneme = "xing2 chang2" }]);
        var afterDelete = store.Delete("team-a", [("行长", "")], out var removed);

        Assert.Equal(1, first.Revision);
        Assert.Equal(2, second.Revision);
        Assert.Equal("xing2 chang2", Assert.Single(second.Entries).Phoneme);
        Assert.Equal(1, removed);
        Assert.Equal(0, afterDelete.Count);
        Assert.Equal(["file", "team-a"], store.Names);
    }

    [Fact]
    public void Store_FileLexicon_ReadOnlyAndListable()
    {
        var store = new LexiconStore(new FileLexicon(null, TimeProvider.System, TimeSpan.FromSeconds(1), NullLogger.Instance), null, NullLogger.Instance);

        Assert.Throws<LexiconReadOnlyException>(() => store.Put("file", []));
        Assert.Throws<LexiconReadOnlyException>(() => store.Delete("file", [], out _));
        Assert.Equal(0, store.Get("file").Count);
        Assert.Throws<LexiconNotFoundException>(() => store.Get("missing"));
    }

    [Fact]
    public void Store_WithDirectory_SurvivesRestart()
    {
        var file = new FileLexicon(null, TimeProvider.System, TimeSpan.FromSeconds(1), NullLogger.Instance);
        new LexiconStore(file, directory, NullLogger.Instance).Put("kept", [EntryValidator.Validate("行长", "", "hang2 zhang3", null, "e")]);

        var reopened = new LexiconStore(file, directory, NullLogger.Instance);

        Assert.Equal("hang2 zhang3", Assert.Single(reopened.Get("kept").Entries).Phoneme);
        Assert.Contains("\"行长\"", File.ReadAllText(Path.Combine(directory, "kept.jsonl")), StringComparison.Ordinal);
    }

    [Fact]
    public void Store_EntryLimit_Full()
    {
        var store = new LexiconStore(new FileLexicon(null, TimeProvider.System, TimeSpan.FromSeconds(1), NullLogger.Instance), null, NullLogger.Instance, maxLexicons: 1, maxEntries: 1);
        store.Put("one", [EntryValidator.Validate("行", "", "hang2", null, "e")]);

        Assert.Throws<LexiconFullException>(() => store.Put("one", [EntryValidator.Validate("长", "", "zhang3", null, "e")]));
        Assert.Throws<LexiconFullException>(() => store.Put("two", []));
    }

    [Theory]
    [InlineData("team-a", true)]
    [InlineData("x", true)]
    [InlineData("Team", false)]
    [InlineData("a_b", false)]
    [InlineData("", false)]
    public void IsValidName_Pattern(string name, bool valid) => Assert.Equal(valid, LexiconStore.IsValidName(name));
}
