using System.Text.Json;
using VoiceFleet.Audio.Wav;
using VoiceFleet.Cli.Commands.Synthesis;
using VoiceFleet.Cli.Tests.Support;
using Xunit;

namespace VoiceFleet.Cli.Tests;

/// <summary><c>voicefleet say</c> against a real Synthesis service (with its Frontend and Encoders) on loopback.</summary>
[Collection(SpeechFleetGroup.Name)]
public sealed class SayCommandTests(SpeechFleet fleet)
{
    private const string English = "The weather is lovely today. Let us walk to the river.";

    [Fact]
    public async Task Say_Text_WritesWavAtTheModelRateAndNamesTheModel()
    {
        var path = Path.Join(fleet.NewFolder(), "hello.wav");

        var (exit, output, error) = await CliRun.RunAsync("say", English, "-o", path, "--seed", "7", "--gateway", fleet.Address);

        Assert.True(exit == 0, error);
        var wav = WavReader.Read(await File.ReadAllBytesAsync(path));
        Assert.Equal(22050, wav.SampleRate);
        Assert.Equal(1, wav.Channels);
        Assert.True(wav.Samples.Length / (double)wav.SampleRate > 0.5, $"{wav.Samples.Length} samples");
        Assert.StartsWith($"wrote {path} (", output, StringComparison.Ordinal);
        Assert.Contains("model v21, slot blue", output, StringComparison.Ordinal);
        Assert.Contains("seed 7", output, StringComparison.Ordinal);
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public async Task Say_Json_PrintsOneObjectWithPathSecondsAndProvenance()
    {
        var path = Path.Join(fleet.NewFolder(), "json.wav");

        var (exit, output, error) = await CliRun.RunAsync("say", English, "-o", path, "--sample-rate", "16000", "--seed", "11", "--emotion", "happy", "--json", "--gateway", fleet.Address);

        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(
            ["path", "seconds", "sample_rate", "model_version", "slot", "seed", "warnings", "real_time_factor", "watermark_payload"],
            json.EnumerateObject().Select(p => p.Name));
        var wav = WavReader.Read(await File.ReadAllBytesAsync(path));
        Assert.Equal(path, json.GetProperty("path").GetString());
        Assert.Equal(16000, wav.SampleRate);
        Assert.Equal(16000, json.GetProperty("sample_rate").GetInt32());
        Assert.Equal(wav.Samples.Length / 16000.0, json.GetProperty("seconds").GetDouble(), 2);
        Assert.Equal("v21", json.GetProperty("model_version").GetString());
        Assert.Equal("blue", json.GetProperty("slot").GetString());
        Assert.Equal(11ul, json.GetProperty("seed").GetUInt64());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("warnings").ValueKind);
        Assert.InRange(json.GetProperty("real_time_factor").GetDouble(), 0.00001, 5);
        Assert.Matches("^[0-9a-f]{8}$", json.GetProperty("watermark_payload").GetString());
    }

    [Fact]
    public async Task Say_EmptyText_PrintsTheStatusAndExitsOneWithoutAFile()
    {
        var folder = fleet.NewFolder();

        var (exit, output, error) = await CliRun.RunAsync("say", "", "-o", Path.Join(folder, "empty.wav"), "--gateway", fleet.Address);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.StartsWith("voicefleet say: InvalidArgument: text", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task Say_UnknownPreset_NotFoundExitsOne()
    {
        var (exit, _, error) = await CliRun.RunAsync("say", English, "-o", Path.Join(fleet.NewFolder(), "x.wav"), "--voice", "nobody", "--gateway", fleet.Address);

        Assert.Equal(1, exit);
        Assert.StartsWith("voicefleet say: NotFound: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Say_RefClipFromAFirstSay_ClonesItWithoutFallback()
    {
        var folder = fleet.NewFolder();
        var reference = Path.Join(folder, "eli.wav");
        const string Transcript = "Here is a clip of my own voice for you to copy.";
        var first = await CliRun.RunAsync("say", Transcript, "--voice", "eli", "--seed", "1", "-o", reference, "--gateway", fleet.Address);
        Assert.True(first.Exit == 0, first.Error);

        var (exit, output, error) = await CliRun.RunAsync("say", English, "--ref", reference, "--ref-text", Transcript, "-o", Path.Join(folder, "cloned.wav"), "--json", "--gateway", fleet.Address);

        Assert.True(exit == 0, error);
        var warnings = JsonDocument.Parse(output).RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString());
        Assert.DoesNotContain("SPEAKER_FALLBACK_DEFAULT", warnings);
        Assert.True(new FileInfo(Path.Join(folder, "cloned.wav")).Length > 44);
    }

    [Theory]
    [InlineData("--voice", "ava", "--ref", "a.wav")]
    [InlineData("--emotion", "happy", "--emotion-text", "cheerful")]
    [InlineData("--ref-text", "words", "--seed", "1")]
    [InlineData("--strength", "0.5", "--seed", "1")]
    public async Task Say_ContradictoryOptions_ExitTwoBeforeAnyCall(string option1, string value1, string option2, string value2)
    {
        var (exit, _, error) = await CliRun.RunAsync("say", English, option1, value1, option2, value2, "--gateway", "http://127.0.0.1:9");

        Assert.Equal(2, exit);
        Assert.StartsWith("voicefleet say: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Say_Unreachable_ExitsOneWithAHintNamingGateway()
    {
        var (exit, _, error) = await CliRun.RunAsync("say", English, "-o", Path.Join(fleet.NewFolder(), "x.wav"), "--gateway", "http://127.0.0.1:9");

        Assert.Equal(1, exit);
        Assert.StartsWith("voicefleet say: Unavailable: ", error, StringComparison.Ordinal);
        Assert.Contains("--gateway URL", error, StringComparison.Ordinal);
    }

    [Fact]
    public void SayHeaders_ApiKey_SentAsBearerAuthorization()
    {
        var headers = SynthesisTarget.Headers("vfk_abc.secret", new Uri("http://127.0.0.1:7000"));

        Assert.Equal("Bearer vfk_abc.secret", headers?.GetValue("authorization"));
        Assert.Throws<ArgumentException>(() => SynthesisTarget.Headers("two words", new Uri("http://127.0.0.1:7000")));
    }

    [Fact]
    public void SayTarget_Default_IsTheLocalGateway()
    {
        Assert.Equal("http://127.0.0.1:7000", SynthesisTarget.LocalFleetAddress());
        Assert.Equal(new Uri("http://10.0.0.5:9000"), SynthesisTarget.Resolve("http://10.0.0.5:9000"));
    }
}
