using System.Text.Json;
using VoiceFleet.Audio.Wav;
using Xunit;

namespace VoiceFleet.Cli.Tests.Encoders;

/// <summary><c>voicefleet emotion</c> and <c>voicefleet voices add|list|rm</c> against the built Encoders service.</summary>
public sealed class EncodersCommandsTests(EncodersProcess encoders) : IClassFixture<EncodersProcess>
{
    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--encoders", encoders.Address], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Emotion_Json_PrintsEmotionStrengthAndDistribution()
    {
        var (exit, output, error) = await RunAsync("emotion", "惊讶又略带怀疑地说", "--json");

        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("surprised", json.GetProperty("emotion").GetString());
        Assert.InRange(json.GetProperty("strength").GetDouble(), 0.3, 1);
        Assert.Equal(7, json.GetProperty("distribution").EnumerateObject().Count());
        Assert.Equal(["emotion", "strength", "distribution"], json.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Emotion_Text_NamesTheEmotion()
    {
        var (exit, output, _) = await RunAsync("emotion", "furious, shouting");

        Assert.Equal(0, exit);
        Assert.StartsWith("angry (strength 1.00)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Voices_AddListRemove_RoundTrip()
    {
        var clip = Path.Join(Path.GetTempPath(), $"voicefleet-cli-{Guid.NewGuid():N}.wav");
        WavWriter.WriteFile(clip, SpeechLike(16000, 5), 16000);
        try
        {
            var added = await RunAsync("voices", "add", "Narrator", "--audio", clip, "--transcript", "Hello there.", "--consent-speaker", "N. Arrator", "--consent-evidence", "crm://1", "--json");
            Assert.True(added.Exit == 0, added.Error);
            var id = JsonDocument.Parse(added.Output).RootElement.GetProperty("voiceId").GetString()!;

            var listed = await RunAsync("voices", "list");
            var removed = await RunAsync("voices", "rm", id, "--reason", "test");
            var again = await RunAsync("voices", "rm", id);

            Assert.Contains(id, listed.Output, StringComparison.Ordinal);
            Assert.Contains("Narrator", listed.Output, StringComparison.Ordinal);
            Assert.Equal(0, removed.Exit);
            Assert.StartsWith($"deleted {id}", removed.Output, StringComparison.Ordinal);
            Assert.Equal(1, again.Exit);
            Assert.Contains("NotFound", again.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(clip);
        }
    }

    [Fact]
    public async Task Voices_Unreachable_ExitsOneWithAHint()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApp.RunAsync(["voices", "list", "--encoders", "http://127.0.0.1:9"], output, error);

        Assert.Equal(1, exit);
        Assert.Contains("voicefleet up", error.ToString(), StringComparison.Ordinal);
    }

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
