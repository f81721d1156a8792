using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using VoiceFleet.Audio.Decoding;
using VoiceFleet.Encoders.Tests.Support;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Encoders.Tests.Service;

/// <summary>POST/GET/DELETE /v1/voices and POST /v1/emotions/analyze on the HTTP/1.1 port.</summary>
[Collection(ForgedModelsGroup.Name)]
public sealed class RestEndpointsTests(ForgedModels models) : IAsyncLifetime, IDisposable
{
    private readonly string _database = EncodersHost.NewDatabasePath();
    private RunningService? _service;
    private HttpClient? _http;

    private HttpClient Http => _http!;

    public async Task InitializeAsync()
    {
        _service = await EncodersHost.StartAsync(models, _database);
        _http = new HttpClient { BaseAddress = _service.HttpAddress };
    }

    public async Task DisposeAsync()
    {
        await _service!.DisposeAsync();
        EncodersHost.DeleteDatabase(_database);
    }

    public void Dispose() => _http?.Dispose();

    private static MultipartFormDataContent Upload(byte[] audio, bool withConsent = true)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("Ben"), "name" },
            { new StringContent("The quick brown fox."), "transcript" },
        };
        if (withConsent)
        {
            form.Add(new StringContent("Ben Example"), "consent_speaker");
            form.Add(new StringContent("2026-05-01T10:00:00Z"), "consent_time");
            form.Add(new StringContent("crm://consents/881"), "consent_evidence_ref");
        }

        var file = new ByteArrayContent(audio);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/flac");
        form.Add(file, "audio", "ben.flac");
        return form;
    }

    [Fact]
    public async Task Voices_UploadListDelete_AsJson()
    {
        var flac = SndfileCodec.Encode(models.SpeakFor(5, models.Preset("ben")), models.SampleRate, AudioContainer.Flac);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/voices") { Content = Upload(flac) };
        request.Headers.Add("x-voicefleet-caller", "key:studio");

        using var created = await Http.SendAsync(request);
        var voice = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("voice");
        var id = voice.GetProperty("voiceId").GetString()!;
        var list = JsonDocument.Parse(await Http.GetStringAsync(new Uri("/v1/voices", UriKind.Relative))).RootElement;
        using var deleted = await Http.DeleteAsync(new Uri($"/v1/voices/{id}?reason=test", UriKind.Relative));
        using var again = await Http.DeleteAsync(new Uri($"/v1/voices/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("en", voice.GetProperty("language").GetString());
        Assert.Equal("key:studio", voice.GetProperty("createdBy").GetString());
        Assert.Equal("2026-05-01T10:00:00Z", voice.GetProperty("consent").GetProperty("consentTime").GetString());
        Assert.Equal(id, list.GetProperty("voices")[0].GetProperty("voiceId").GetString());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.True(JsonDocument.Parse(await deleted.Content.ReadAsStringAsync()).RootElement.GetProperty("removedEmbeddings").GetInt32() >= 1);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("NOT_FOUND", JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Voices_UploadWithoutConsent_BadRequestNamingTheField()
    {
        var flac = SndfileCodec.Encode(models.SpeakFor(4, models.Preset("ben")), models.SampleRate, AudioContainer.Flac);

        using var response = await Http.PostAsync(new Uri("/v1/voices", UriKind.Relative), Upload(flac, withConsent: false));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("code").GetString());
        Assert.StartsWith("consent.speaker:", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_Description_DistributionAndStrength()
    {
        using var content = new StringContent("{\"description\":\"惊喜又略带怀疑\"}", Encoding.UTF8, "application/json");

        using var response = await Http.PostAsync(new Uri("/v1/emotions/analyze", UriKind.Relative), content);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(body.GetProperty("emotion").GetString(), new[] { "happy", "surprised" });
        Assert.InRange(body.GetProperty("strength").GetDouble(), 0.3, 1);
        var distribution = body.GetProperty("distribution");
        Assert.Equal(7, distribution.EnumerateObject().Count());
        Assert.InRange(distribution.EnumerateObject().Sum(p => p.Value.GetDouble()), 0.999, 1.001);
        Assert.True(distribution.GetProperty("surprised").GetDouble() > 0.2);
    }

    [Theory]
    [InlineData("{\"description\": 3}", "description")]
    [InlineData("{\"description\": \"\"}", "empty")]
    [InlineData("not json", "JSON")]
    public async Task Analyze_BadBody_BadRequest(string body, string expected)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await Http.PostAsync(new Uri("/v1/emotions/analyze", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
