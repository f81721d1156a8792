using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VoiceFleet.Encoders.Configuration;
using VoiceFleet.Encoders.TextEmotion;
using VoiceFleet.Onnx;
using VoiceFleet.Onnx.Graph;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Encoders.Tests.TextEmotion;

/// <summary>
/// The pluggable ONNX text-encoder path on the real runtime, with a bag-of-tokens model written here:
/// each vocabulary entry adds a fixed vector to the 7 logits.
/// </summary>
public sealed class OnnxTextEmotionAnalyzerTests : IDisposable
{
    private static readonly string[] Vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "开", "心", "生", "气", "happy", "angry", "##ly"];

    private readonly string _directory = Directory.CreateTempSubdirectory("voicefleet-text-model-").FullName;

    public OnnxTextEmotionAnalyzerTests()
    {
        var table = new float[Vocabulary.Length * 7];
        void Set(string token, int label, float value) => table[(Array.IndexOf(Vocabulary, token) * 7) + label] = value;
        Set("[CLS]", 0, 1f); // a little neutral evidence in every input
        Set("开", 1, 2f);
        Set("心", 1, 1f);
        Set("生", 3, 2f);
        Set("气", 3, 1f);
        Set("happy", 1, 3f);
        Set("angry", 3, 3f);
        Set("##ly", 3, 0.5f);
        var model = new OnnxModelBuilder("bag-of-tokens")
            .AddInput("input_ids", OnnxElementType.Int64, 1, "tokens")
            .AddInitializer("table", table, Vocabulary.Length, 7)
            .AddInitializer("axes", new long[] { 1 }, 1)
            .AddNode("Gather", ["table", "input_ids"], ["rows"], OnnxAttribute.Int("axis", 0))
            .AddNode("ReduceSum", ["rows", "axes"], ["logits"], OnnxAttribute.Int("keepdims", 0))
            .AddOutput("logits", OnnxElementType.Float, 1, 7)
            .ToBytes();
        ModelPath = Path.Join(_directory, "text-emotion.onnx");
        VocabularyPath = Path.Join(_directory, "vocab.txt");
        File.WriteAllBytes(ModelPath, model);
        File.WriteAllLines(VocabularyPath, Vocabulary);
    }

    private string ModelPath { get; }

    private string VocabularyPath { get; }

    [Theory]
    [InlineData("开心地说", "happy")]
    [InlineData("很生气", "angry")]
    [InlineData("Happy!", "happy")]
    [InlineData("ANGRY", "angry")]
    [InlineData("nothing known here", "neutral")]
    public void Analyze_BagOfTokensModel_FollowsItsLogits(string description, string expected)
    {
        using var analyzer = new OnnxTextEmotionAnalyzer(Options.Create(new TextEmotionOptions { Engine = "onnx", ModelPath = ModelPath, VocabularyPath = VocabularyPath }));

        var result = analyzer.Analyze(description, CancellationToken.None);

        Assert.Equal(expected, result.Emotion);
        Assert.Equal("onnx", result.Engine);
        Assert.Equal(1f, result.Distribution.Sum(), 3);
        Assert.InRange(result.Strength, 0f, 1f);
    }

    [Fact]
    public void Tokenizer_WordPiece_SplitsHanAndContinuations()
    {
        var tokenizer = new WordPieceTokenizer(Vocabulary);

        Assert.Equal([2, 4, 5, 1, 3], tokenizer.Encode("开心x", 16));
        Assert.Equal([2, 9, 10, 3], tokenizer.Encode("angryly", 16));
        Assert.Equal([2, 4, 3], tokenizer.Encode("开心开心", 3));
    }

    [Fact]
    public async Task Service_OnnxEngine_AnalyzesThroughTheModel()
    {
        var database = Path.Join(_directory, "encoders.db");
        await using var service = await RunningService.StartAsync(
            EncodersApp.Build,
            $"--Encoders:Storage:SqlitePath={database}",
            "--Encoders:TextEmotion:Engine=onnx",
            $"--Encoders:TextEmotion:ModelPath={ModelPath}",
            $"--Encoders:TextEmotion:VocabularyPath={VocabularyPath}");
        using var http = new HttpClient { BaseAddress = service.HttpAddress };

        using var response = await http.PostAsJsonAsync(new Uri("/v1/emotions/analyze", UriKind.Relative), new { description = "生气" });
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal("angry", body.GetProperty("emotion").GetString());
        Assert.Equal("onnx", body.GetProperty("engine").GetString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
