using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Encoders.Caching;
using VoiceFleet.Encoders.Storage;
using VoiceFleet.Encoders.Tests.Support;
using VoiceFleet.Rpc;
using VoiceFleet.Testing;
using Xunit;

namespace VoiceFleet.Encoders.Tests.Service;

/// <summary>Enrolment with consent, lookup, listing, deletion and the audit log, over gRPC; the store is SQLite unless a subclass says otherwise.</summary>
[Collection(ForgedModelsGroup.Name)]
public class VoiceRegistryTests(ForgedModels models) : IAsyncLifetime
{
    private readonly string _database = EncodersHost.NewDatabasePath();

    protected ForgedModels Models => models;

    /// <summary>Extra configuration of the service under test (PostgreSQL in the subclass).</summary>
    protected virtual string[] StorageArguments => [];

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        EncodersHost.DeleteDatabase(_database);
        return Task.CompletedTask;
    }

    protected Task<RunningService> StartAsync() => EncodersHost.StartAsync(models, _database, StorageArguments);

    internal EnrollVoiceRequest Enrollment(string name, string speaker = "ava") => new()
    {
        Name = name,
        Transcript = "这是一段用来注册声音的录音。",
        ReferenceAudio = TestClips.Wav(models.SpeakFor(5, models.Preset(speaker)), models.SampleRate),
        Consent = new ConsentRecord
        {
            Speaker = "Ava Example",
            ConsentTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
            EvidenceRef = "docs://consent/ava-2026.pdf",
            Scope = "audiobook narration",
            RecordedBy = "ignored",
        },
    };

    [Fact]
    public async Task EnrollVoice_ThenGetListDelete_LeavesNothingBehind()
    {
        await using var service = await StartAsync();
        var client = new EncodersClient(service.Channel);
        var caller = new Metadata { { "x-voicefleet-caller", "key:narration-team" } };

        var enrolled = (await client.EnrollVoiceAsync(Enrollment("Ava"), caller)).Voice;
        var fetched = (await client.GetVoiceAsync(new GetVoiceRequest { VoiceId = enrolled.VoiceId, IncludeEmbedding = true, IncludeAudio = true }, caller)).Voice;
        var direct = await client.EmbedSpeakerAsync(new EmbedSpeakerRequest { Audio = Enrollment("x").ReferenceAudio });
        var listed = await client.ListVoicesAsync(new ListVoicesRequest());

        Assert.StartsWith("vc_", enrolled.VoiceId, StringComparison.Ordinal);
        Assert.Equal("zh", enrolled.Language);
        Assert.Equal("key:narration-team", enrolled.CreatedBy);
        Assert.Equal("key:narration-team", enrolled.Consent.RecordedBy);
        Assert.Equal("docs://consent/ava-2026.pdf", fetched.Consent.EvidenceRef);
        Assert.Equal(direct.ContentSha256, enrolled.AudioSha256);
        Assert.Equal(direct.Embedding.Values, fetched.Embedding.Values);
        Assert.True(direct.CacheHit, "enrolment should have cached the embedding");
        Assert.Equal(AudioFormat.WavPcm16, fetched.ReferenceAudio.Format);
        Assert.Equal(enrolled.VoiceId, Assert.Single(listed.Voices).VoiceId);
        Assert.Null(listed.Voices[0].Embedding);

        var deleted = await client.DeleteVoiceAsync(new DeleteVoiceRequest { VoiceId = enrolled.VoiceId, Reason = "speaker withdrew consent" }, caller);

        Assert.True(deleted.RemovedEmbeddings >= 1, $"{deleted.RemovedEmbeddings} embeddings removed");
        var gone = await Assert.ThrowsAsync<RpcException>(async () => await client.GetVoiceAsync(new GetVoiceRequest { VoiceId = enrolled.VoiceId }));
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        var store = service.Services.GetRequiredService<IEncodersStore>();
        Assert.Null(await store.GetEmbeddingAsync(new EmbeddingKey(enrolled.AudioSha256, "forge-speaker/v1", EmbeddingKind.Speaker), CancellationToken.None));
        Assert.Empty((await client.ListVoicesAsync(new ListVoicesRequest())).Voices);
        var again = await client.EmbedSpeakerAsync(new EmbedSpeakerRequest { Audio = Enrollment("x").ReferenceAudio });
        Assert.False(again.CacheHit, "the deleted voice's embedding must not be served from memory");

        var audit = await store.ListAuditAsync(10, CancellationToken.None);
        var enrolledEntry = Assert.Single(audit, a => a.Action == AuditActions.Enroll);
        var deletedEntry = Assert.Single(audit, a => a.Action == AuditActions.Delete);
        Assert.Equal("key:narration-team", enrolledEntry.Caller);
        Assert.Equal("key:narration-team", deletedEntry.Caller);
        Assert.Contains("withdrew consent", deletedEntry.Detail, StringComparison.Ordinal);
        Assert.Contains(audit, a => a.Action == AuditActions.CloneEmbed && a.Caller == "anonymous");
        Assert.Contains(audit, a => a.Action == AuditActions.ReadAudio);
    }

    [Theory]
    [InlineData("name", "name")]
    [InlineData("transcript", "transcript")]
    [InlineData("consent", "consent")]
    [InlineData("consent.speaker", "consent.speaker")]
    [InlineData("consent.consent_time", "consent.consent_time")]
    [InlineData("consent.evidence_ref", "consent.evidence_ref")]
    [InlineData("future", "consent.consent_time")]
    public async Task EnrollVoice_MissingPart_InvalidArgumentNamingIt(string missing, string field)
    {
        await using var service = await StartAsync();
        var request = Enrollment("Ava");
        switch (missing)
        {
            case "name": request.Name = " "; break;
            case "transcript": request.Transcript = ""; break;
            case "consent": request.Consent = null; break;
            case "consent.speaker": request.Consent.Speaker = ""; break;
            case "consent.consent_time": request.Consent.ConsentTime = null; break;
            case "consent.evidence_ref": request.Consent.EvidenceRef = ""; break;
            case "future": request.Consent.ConsentTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(2)); break;
        }

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await new EncodersClient(service.Channel).EnrollVoiceAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith(field + ":", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListVoices_Pages_NewestFirstWithTokens()
    {
        await using var service = await StartAsync();
        var client = new EncodersClient(service.Channel);
        var ids = new List<string>();
        foreach (var name in new[] { "one", "two", "three" })
        {
            ids.Add((await client.EnrollVoiceAsync(Enrollment(name, "ben"))).Voice.VoiceId);
            await Task.Delay(5);
        }

        var first = await client.ListVoicesAsync(new ListVoicesRequest { PageSize = 2 });
        var second = await client.ListVoicesAsync(new ListVoicesRequest { PageSize = 2, PageToken = first.NextPageToken });
        var bad = await Assert.ThrowsAsync<RpcException>(async () => await client.ListVoicesAsync(new ListVoicesRequest { PageToken = "nonsense" }));

        Assert.Equal(["three", "two"], first.Voices.Select(v => v.Name));
        Assert.Equal(["one"], second.Voices.Select(v => v.Name));
        Assert.Empty(second.NextPageToken);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
    }

    [Fact]
    public async Task Restart_SameStore_KeepsVoicesAndWarmEmbeddings()
    {
        string voiceId;
        var audio = Enrollment("Ava").ReferenceAudio;
        await using (var service = await StartAsync())
        {
            var request = Enrollment("Ava");
            request.ReferenceAudio = audio;
            voiceId = (await new EncodersClient(service.Channel).EnrollVoiceAsync(request)).Voice.VoiceId;
        }

        await using (var restarted = await StartAsync())
        {
            var client = new EncodersClient(restarted.Channel);
            var listed = await client.ListVoicesAsync(new ListVoicesRequest());
            var embedded = await client.EmbedSpeakerAsync(new EmbedSpeakerRequest { Audio = audio });

            Assert.Equal(voiceId, Assert.Single(listed.Voices).VoiceId);
            Assert.True(embedded.CacheHit, "the restarted service should find the embedding in its store");
        }
    }

    [Fact]
    public async Task DeleteVoice_Unknown_NotFound()
    {
        await using var service = await StartAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await new EncodersClient(service.Channel).DeleteVoiceAsync(new DeleteVoiceRequest { VoiceId = "vc_01HX0000000000000000000000" }));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }
}
