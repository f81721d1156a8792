using System.Text.Json;
using VoiceFleet.Audio.Wav;
using VoiceFleet.Cli.Commands.Synthesis;
using VoiceFleet.Cli.Tests.Support;
using Xunit;

namespace VoiceFleet.Cli.Tests;

/// <summary><c>voicefleet batch</c> against a real Synthesis service (with its Frontend and Encoders) on loopback.</summary>
[Collection(SpeechFleetGroup.Name)]
public sealed class BatchCommandTests(SpeechFleet fleet)
{
    [Fact]
    public async Task Batch_BadLineAndRequestError_WritesTheRestReportsBothAndExitsOne_RerunSkipsAll()
    {
        var folder = fleet.NewFolder();
        Directory.CreateDirectory(Path.Join(folder, "clips"));
        WavWriter.WriteFile(Path.Join(folder, "clips", "ref.wav"), SpeechLike(16000, 4), 16000);
        var tasks = Path.Join(folder, "tasks.jsonl");
        await File.WriteAllLinesAsync(tasks,
        [
            """{"input_text": "Hello there, how are you today?", "output_name": "one"}""",
            """{"input_text": "this line is not JSON", """,
            """{"input_text": "The weather is lovely today.", "emotion": "happy", "output_name": "two"}""",
            """{"input_text": "。！？", "output_name": "punctuation"}""",
            "",
            """{"input_text": "Let us walk to the river.", "prompt_audio": "clips/ref.wav", "prompt_text": "A clip.", "emotion_description": "slightly annoyed", "output_name": "three"}""",
        ]);
        var output = Path.Join(folder, "out");

        var (exit, stdout, stderr) = await CliRun.RunAsync("batch", tasks, "--out", output, "--parallel", "3", "--json", "--gateway", fleet.Address);

        Assert.Equal(1, exit);
        var summary = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(3, summary.GetProperty("done").GetInt32());
        Assert.Equal(0, summary.GetProperty("skipped").GetInt32());
        Assert.Equal(2, summary.GetProperty("failed").GetInt32());
        Assert.False(summary.GetProperty("interrupted").GetBoolean());
        Assert.Equal([2, 4], summary.GetProperty("failures").EnumerateArray().Select(f => f.GetProperty("line").GetInt32()));
        Assert.Contains("InvalidArgument: text", summary.GetProperty("failures")[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(["one.wav", "three.wav", "two.wav"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var seconds = 0.0;
        foreach (var file in Directory.GetFiles(output))
        {
            var wav = WavReader.Read(await File.ReadAllBytesAsync(file));
            Assert.Equal(22050, wav.SampleRate);
            seconds += wav.Samples.Length / 22050.0;
        }

        Assert.Equal(seconds, summary.GetProperty("audio_seconds").GetDouble(), 1);
        Assert.Contains("voicefleet batch: line 2: not JSON", stderr, StringComparison.Ordinal);
        Assert.Contains("voicefleet batch: line 4 (punctuation.wav): InvalidArgument: text", stderr, StringComparison.Ordinal);
        Assert.Contains("voicefleet batch: 5/5 (3 done, 0 skipped, 2 failed", stderr, StringComparison.Ordinal);

        var written = Directory.GetFiles(output).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var again = await CliRun.RunAsync("batch", tasks, "--out", output, "--gateway", fleet.Address);

        Assert.Equal(1, again.Exit);
        Assert.StartsWith("done 0, skipped 3, failed 2 · 0.00 s of audio in ", again.Output, StringComparison.Ordinal);
        Assert.Equal(written, Directory.GetFiles(output).ToDictionary(f => f, File.GetLastWriteTimeUtc));
    }

    [Fact]
    public async Task Batch_AllGood_ExitsZeroWithTheTextSummary()
    {
        var folder = fleet.NewFolder();
        var tasks = Path.Join(folder, "tasks.jsonl");
        await File.WriteAllTextAsync(tasks, """{"input_text": "Good morning.", "output_name": "早安"}""" + "\n");

        var (exit, stdout, stderr) = await CliRun.RunAsync("batch", tasks, "--out", Path.Join(folder, "out"), "--gateway", fleet.Address);

        Assert.True(exit == 0, stderr);
        Assert.StartsWith("done 1, skipped 0, failed 0 · ", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Join(folder, "out", "早安.wav")));
    }

    [Fact]
    public async Task Batch_TraversalInOutputName_RefusedAndNothingWrittenOutside()
    {
        var folder = fleet.NewFolder();
        var tasks = Path.Join(folder, "tasks.jsonl");
        await File.WriteAllLinesAsync(tasks,
        [
            """{"input_text": "Hi there.", "output_name": "../escaped"}""",
            """{"input_text": "Hi there.", "output_name": "/tmp/absolute"}""",
            """{"input_text": "Hi there.", "output_name": "sub/dir"}""",
            """{"input_text": "Hi there.", "output_name": ".."}""",
        ]);
        var output = Path.Join(folder, "out");

        var (exit, stdout, stderr) = await CliRun.RunAsync("batch", tasks, "--out", output, "--gateway", fleet.Address);

        Assert.Equal(1, exit);
        Assert.StartsWith("done 0, skipped 0, failed 4 · ", stdout, StringComparison.Ordinal);
        Assert.Equal(4, stderr.Split('\n').Count(l => l.Contains("is not a plain file name", StringComparison.Ordinal)));
        Assert.Empty(Directory.GetFileSystemEntries(output));
        Assert.False(File.Exists(Path.Join(folder, "escaped.wav")));
    }

    [Fact]
    public async Task Batch_MissingTasksFile_ExitsTwo()
    {
        var folder = fleet.NewFolder();

        var (exit, _, error) = await CliRun.RunAsync("batch", Path.Join(folder, "none.jsonl"), "--out", Path.Join(folder, "out"), "--gateway", fleet.Address);

        Assert.Equal(2, exit);
        Assert.StartsWith("voicefleet batch: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chapter-01", "chapter-01.wav")]
    [InlineData("take 2.WAV", "take 2.wav")]
    [InlineData("第一章", "第一章.wav")]
    public void BatchOutputName_PlainNames_GetWavAppended(string name, string expected) =>
        Assert.Equal(expected, OutputName.ToFileName(name));

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("../x")]
    [InlineData("a\\b")]
    [InlineData(".hidden")]
    [InlineData("tab\there")]
    public void BatchOutputName_PathsAndOddNames_Refused(string name) =>
        Assert.Throws<InvalidDataException>(() => OutputName.ToFileName(name));

    [Theory]
    [InlineData("""{"output_name": "x"}""", "input_text is missing")]
    [InlineData("""{"input_text": 5}""", "input_text must be a string")]
    [InlineData("""[1, 2]""", "expected a JSON object")]
    [InlineData("""{"input_text": "a", "prompt_text": "b"}""", "give prompt_audio too")]
    [InlineData("""{"input_text": "a", "emotion": "happy", "emotion_description": "glad"}""", "at most one of")]
    public void BatchTask_BadLine_SaysWhatIsWrong(string line, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => BatchTask.Parse(line, 3));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BatchTask_NoOutputName_NamedAfterItsLine() =>
        Assert.Equal("line-3.wav", BatchTask.Parse("""{"input_text": "a"}""", 3).FileName);

    private static float[] SpeechLike(int rate, double seconds)
    {
        var x = new float[(int)(rate * seconds)];
        for (var i = 0; i < x.Length; i++)
        {
            var t = (double)i / rate;
            var value = 0.0;
            for (var k = 1; k <= 10; k++)
            {
                value += Math.Sin(2 * Math.PI * 140 * k * t) / k;
            }

            x[i] = (float)(0.12 * value * (0.55 + (0.45 * Math.Sin(2 * Math.PI * 4 * t))));
        }

        return x;
    }
}
