using System.Diagnostics;
using System.Text.Json;
using VoiceFleet.Cli.Commands;
using Xunit;

namespace VoiceFleet.Cli.Tests;

/// <summary><c>voicefleet g2p</c>: stdin lines to JSON lines, the format accuracy is measured with.</summary>
public sealed class G2pCommandTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public async Task RunAsync_Mandarin_OneSyllablePerHanCharacter()
    {
        var (code, lines) = await RunAsync("zh", "银行的行长来了。\nA型血\n");

        Assert.Equal(0, code);
        Assert.Equal(2, lines.Count);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("银行的行长来了。", first.GetProperty("text").GetString());
        var syllables = first.GetProperty("syllables").EnumerateArray().ToList();
        Assert.Equal(["银", "行", "的", "行", "长", "来", "了"], syllables.Select(s => s.GetProperty("char").GetString()));
        Assert.Equal(["yin2", "hang2", "de5", "hang2", "zhang3", "lai2", "le5"], syllables.Select(s => s.GetProperty("pinyin").GetString()));
        Assert.Equal(["型", "血"], JsonDocument.Parse(lines[1]).RootElement.GetProperty("syllables").EnumerateArray().Select(s => s.GetProperty("char").GetString()));
    }

    [Fact]
    public async Task RunAsync_Mandarin_SpokenAfterSandhi()
    {
        var (_, lines) = await RunAsync("zh", "你好\n");

        var syllables = JsonDocument.Parse(lines[0]).RootElement.GetProperty("syllables");
        Assert.Equal("ni3", syllables[0].GetProperty("pinyin").GetString());
        Assert.Equal("ni2", syllables[0].GetProperty("spoken").GetString());
    }

    [Fact]
    public async Task RunAsync_PolyphoneSet_AtLeast97PercentThroughTheCliFormat()
    {
        var texts = File.ReadLines(Path.Combine(Root, "tests", "data", "eval", "polyphones.jsonl")).Where(l => l.Length > 0).ToList();
        var (_, lines) = await RunAsync("zh", string.Join('\n', texts.Select(t => JsonDocument.Parse(t).RootElement.GetProperty("text").GetString())) + "\n");

        int correct = 0, total = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var item = JsonDocument.Parse(texts[i]).RootElement;
            var text = item.GetProperty("text").GetString()!;
            var syllables = JsonDocument.Parse(lines[i]).RootElement.GetProperty("syllables").EnumerateArray().ToList();
            var hanIndex = Enumerable.Range(0, text.Length).Where(k => text[k] is >= '\u4e00' and <= '\u9fff').ToList();
            foreach (var check in item.GetProperty("checks").EnumerateArray())
            {
                total++;
                var position = hanIndex.IndexOf(check[1].GetInt32());
                correct += syllables[position].GetProperty("pinyin").GetString() == check[2].GetString() ? 1 : 0;
            }
        }

        Assert.True(correct >= 0.97 * total, $"{correct}/{total}");
    }

    [Fact]
    public async Task RunAsync_English_IdenticalToEspeakCommandLine()
    {
        const string sentence = "Please don't hang up, I think someone is following me.";

        var (code, lines) = await RunAsync("en", sentence + "\n");
        var phonemes = JsonDocument.Parse(lines.Single()).RootElement.GetProperty("phonemes").GetString();

        Assert.Equal(0, code);
        Assert.Equal(await EspeakAsync(sentence), phonemes);
    }

    [Fact]
    public async Task RunAsync_EmptyLine_StillOneLineOut()
    {
        var (_, lines) = await RunAsync("en", "\nHello.\n");

        Assert.Equal(2, lines.Count);
        Assert.Equal(string.Empty, JsonDocument.Parse(lines[0]).RootElement.GetProperty("phonemes").GetString());
    }

    [Fact]
    public async Task RunAsync_UnknownLanguage_ExitTwo()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await G2pCommand.RunAsync("klingon", json: true, null, new StringReader("x"), output, error, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains("klingon", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingLexicon_ExitOneSayingSetup()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await G2pCommand.RunAsync("zh", json: true, "/nonexistent/pinyin-data", new StringReader("好"), output, error, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains("./fleet setup", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(int Code, List<string> Lines)> RunAsync(string language, string stdin)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await G2pCommand.RunAsync(language, json: true, null, new StringReader(stdin), output, error, CancellationToken.None);
        Assert.True(code == 0, error.ToString());
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList());
    }

    private static async Task<string> EspeakAsync(string text)
    {
        var start = new ProcessStartInfo("espeak-ng", ["-q", "--ipa", "-v", "en-us", text]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return string.Join('\n', stdout.Split('\n').Where(l => l.Length > 0));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Platform.sln above the test binaries.");
    }
}
