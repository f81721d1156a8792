using System.Diagnostics;
using System.Text.Json;
using VoiceFleet.Text.Espeak;
using Xunit;
using Xunit.Abstractions;

namespace VoiceFleet.Text.Tests.Espeak;

/// <summary>libespeak-ng in-process, checked against the espeak-ng command line as the reference peer.</summary>
public sealed class EspeakEngineTests(ITestOutputHelper output)
{
    [Fact]
    public async Task PhonemizeAsync_GoldenEnglishSentences_IdenticalToCommandLine()
    {
        var engine = EspeakEngine.Open();
        var sentences = File.ReadLines(TestData.EvalFile("golden.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.GetProperty("lang").GetString() == "en")
            .Select(e => e.GetProperty("text").GetString()!)
            .ToList();

        var equal = 0;
        var differences = new List<string>();
        foreach (var sentence in sentences)
        {
            var inProcess = string.Join('\n', await engine.PhonemizeAsync(sentence, "en-us"));
            var reference = await CommandLineAsync(sentence, "en-us");
            if (inProcess == reference)
            {
                equal++;
            }
            else
            {
                differences.Add($"{sentence}\n  in-process: {inProcess}\n  espeak-ng:  {reference}");
            }
        }

        output.WriteLine($"identical to 'espeak-ng -q --ipa -v en-us': {equal}/{sentences.Count}");
        Assert.True(sentences.Count >= 10, "golden.jsonl should hold English sentences");
        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    [Fact]
    public void Phonemize_TwoClauses_OneStringPerClause()
    {
        var clauses = EspeakEngine.Open().Phonemize("Happy birthday, I hope this year is your best one yet.", "en-us");

        Assert.Equal(2, clauses.Count);
        Assert.Equal("hˈæpi bˈɜːθdeɪ", clauses[0]);
    }

    [Fact]
    public async Task PhonemizeAsync_ParallelCallers_SerialisedAndConsistent()
    {
        var engine = EspeakEngine.Open();
        var expectedEnglish = engine.Phonemize("Something is moving downstairs.", "en-us");
        var expectedGerman = engine.Phonemize("Guten Morgen.", "de");

        var calls = Enumerable.Range(0, 40).Select(i => i % 2 == 0
            ? Task.Run(async () => (await engine.PhonemizeAsync("Something is moving downstairs.", "en-us")).SequenceEqual(expectedEnglish))
            : Task.Run(async () => (await engine.PhonemizeAsync("Guten Morgen.", "de")).SequenceEqual(expectedGerman)));

        Assert.All(await Task.WhenAll(calls), Assert.True);
    }

    [Theory]
    [InlineData("en", "en-us")]
    [InlineData("en-US", "en-us")]
    [InlineData("en_GB", "en-gb")]
    [InlineData("de-AT", "de")]
    public void TryResolveLanguage_KnownLanguages_EspeakVoice(string language, string expected)
    {
        Assert.True(EspeakEngine.Open().TryResolveLanguage(language, out var voice));
        Assert.Equal(expected, voice);
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("klingon")]
    [InlineData("")]
    public void TryResolveLanguage_Unknown_False(string language) =>
        Assert.False(EspeakEngine.Open().TryResolveLanguage(language, out _));

    [Fact]
    public async Task BoundedGate_QueueFull_RefusesAtOnce()
    {
        using var gate = new BoundedGate(limit: 1);
        var holder = await gate.EnterAsync(CancellationToken.None);
        var queued = gate.EnterAsync(CancellationToken.None).AsTask();

        await Assert.ThrowsAsync<EspeakBusyException>(async () => await gate.EnterAsync(CancellationToken.None));

        holder.Dispose();
        (await queued).Dispose();
    }

    [Fact]
    public async Task BoundedGate_CancelledWhileWaiting_Throws()
    {
        using var gate = new BoundedGate(limit: 4);
        using var holder = await gate.EnterAsync(CancellationToken.None);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await gate.EnterAsync(cancellation.Token));
        Assert.Equal(0, gate.Waiting);
    }

    /// <summary>What <c>espeak-ng -q --ipa -v VOICE TEXT</c> prints, its lines joined by a line feed.</summary>
    internal static async Task<string> CommandLineAsync(string text, string voice)
    {
        var start = new ProcessStartInfo("espeak-ng", ["-q", "--ipa", "-v", voice, text])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("espeak-ng did not start (./fleet setup installs it)");
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return string.Join('\n', stdout.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0));
    }
}
