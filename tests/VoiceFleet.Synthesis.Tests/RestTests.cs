using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceFleet.Synthesis.Tests.Support;
using Xunit;

namespace VoiceFleet.Synthesis.Tests;

[Collection(SynthesisFleetGroup.Name)]
public sealed class RestTests(SynthesisFleet fleet) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = fleet.Synthesis.HttpAddress };

    [Fact]
    public async Task Tts_JsonRequest_ReturnsWavWithProvenanceHeaders()
    {
        using var response = await http.PostAsJsonAsync("/v1/tts", new { text = "Good morning, everyone.", voice = "dana", emotion = "happy", strength = 0.7, seed = 3 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("v21", response.Headers.GetValues("x-voicefleet-model-version").Single());
        Assert.Equal("blue", response.Headers.GetValues("x-voicefleet-slot").Single());
        Assert.Equal("3", response.Headers.GetValues("x-voicefleet-seed").Single());
        var (samples, rate) = Wav.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(22050, rate);
        Assert.True(samples.Length > rate / 2);
    }

    [Fact]
    public async Task Tts_BadField_400WithCodeAndMessage()
    {
        using var response = await http.PostAsJsonAsync("/v1/tts", new { text = "Hello.", speed = 7 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("INVALID_ARGUMENT", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.StartsWith("speed", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tts_NotJson_415Or400()
    {
        using var text = await http.PostAsync("/v1/tts", new StringContent("hello", System.Text.Encoding.UTF8, "text/plain"));
        using var broken = await http.PostAsync("/v1/tts", new StringContent("{\"text\":", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
    }

    [Fact]
    public async Task Speech_OpenAiRequest_WavWithInstructionsAsEmotion()
    {
        using var response = await http.PostAsJsonAsync("/v1/audio/speech", new
        {
            model = "tts-1",
            input = "I can't believe we won the final!",
            voice = "nova",
            response_format = "wav",
            speed = 1.2,
            instructions = "Speak cheerfully, full of excitement.",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (samples, rate) = Wav.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(22050, rate);
        Assert.True(samples.Length > rate / 2);
    }

    [Fact]
    public async Task Speech_PcmFormat_Is24kHzPcm16()
    {
        using var response = await http.PostAsJsonAsync("/v1/audio/speech", new { model = "tts-1", input = "Testing raw output.", voice = "alloy", response_format = "pcm" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/L16", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("rate=24000", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, (await response.Content.ReadAsByteArrayAsync()).Length % 2);
    }

    [Fact]
    public async Task Speech_UnsupportedFormatOrEmptyInput_OpenAiErrorShape()
    {
        using var mp3 = await http.PostAsJsonAsync("/v1/audio/speech", new { model = "tts-1", input = "Hello.", voice = "alloy", response_format = "mp3" });
        using var empty = await http.PostAsJsonAsync("/v1/audio/speech", new { model = "tts-1", input = "", voice = "alloy" });

        foreach (var (response, param) in new[] { (mp3, "response_format"), (empty, "input") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var error = body.RootElement.GetProperty("error");
            Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
            Assert.Equal(param, error.GetProperty("param").GetString());
            Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        }
    }

    public void Dispose() => http.Dispose();
}
