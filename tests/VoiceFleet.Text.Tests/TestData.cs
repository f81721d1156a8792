using VoiceFleet.Testing;
using VoiceFleet.Text.Analysis;
using VoiceFleet.Text.Espeak;
using VoiceFleet.Text.Mandarin;

namespace VoiceFleet.Text.Tests;

/// <summary>Shared fixtures: the Mandarin lexicon (loaded once per test run) and the evaluation sets.</summary>
internal static class TestData
{
    private static readonly Lazy<MandarinLexicon> LexiconValue = new(() =>
    {
        var directory = MandarinLexiconLoader.FindDataDirectory(start: RepoPaths.Root)
            ?? throw new InvalidOperationException(MandarinLexiconLoader.Problem(null));
        return MandarinLexiconLoader.Load(directory);
    });

    private static readonly Lazy<MandarinG2p> G2pValue = new(() => new MandarinG2p(Lexicon));

    private static readonly Lazy<TextAnalyzer> AnalyzerValue = new(() => new TextAnalyzer(G2p, EspeakEngine.Open()));

    /// <summary>An analyzer with the default limits over <see cref="G2p"/> and espeak-ng.</summary>
    public static TextAnalyzer Analyzer => AnalyzerValue.Value;

    /// <summary>The lexicon set-up fetched (./fleet setup).</summary>
    public static MandarinLexicon Lexicon => LexiconValue.Value;

    /// <summary>A G2P over <see cref="Lexicon"/>.</summary>
    public static MandarinG2p G2p => G2pValue.Value;

    /// <summary>A file of the evaluation sets copied into tests/data/eval.</summary>
    public static string EvalFile(string name) => RepoPaths.Combine("tests", "data", "eval", name);

    /// <summary>A file of this project's own Data folder.</summary>
    public static string OwnFile(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);
}
