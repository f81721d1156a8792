using System.Text.RegularExpressions;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using VoiceFleet.Audio;
using VoiceFleet.Audio.Decoding;
using VoiceFleet.Audio.Wav;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Encoders.Caching;
using VoiceFleet.Encoders.Configuration;
using VoiceFleet.Encoders.Diagnostics;
using VoiceFleet.Encoders.Embeddings;
using VoiceFleet.Encoders.ReferenceAudio;
using VoiceFleet.Encoders.Storage;

namespace VoiceFleet.Encoders.Voices;

/// <summary>
/// Enrolled voices: enrolment with a consent record (who consented, when, the evidence), lookup with the
/// embedding Synthesis conditions on, listing newest first, and deletion that leaves nothing of the voice
/// behind (row, audio, persistent and in-memory embeddings). Enrolments, deletions and reads of stored
/// audio are written to the audit log with the caller.
/// </summary>
internal sealed partial class VoiceRegistry(
    IEncodersStore store,
    ReferenceAudioLoader audio,
    ClipEmbedder embedder,
    EmbeddingCache cache,
    IOptions<EncodersOptions> options,
    TimeProvider time,
    ILogger<VoiceRegistry> logger)
{
    public const int MaxNameLength = 128;
    public const int MaxTranscriptLength = 5000;
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
    private static readonly TimeSpan ConsentClockSkew = TimeSpan.FromMinutes(5);

    public async Task<(Voice Voice, List<Warning> Warnings)> EnrollAsync(EnrollVoiceRequest request, string caller, CancellationToken cancellationToken)
    {
        var strict = request.Strict || options.Value.Strict;
        var name = request.Name.Trim();
        if (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl))
        {
            throw Errors.InvalidArgument("name", $"a name of 1–{MaxNameLength} printable characters is required.");
        }

        var transcript = request.Transcript.Trim();
        if (transcript.Length == 0)
        {
            throw Errors.InvalidArgument("transcript", "the transcript of the reference clip is required.");
        }

        if (transcript.Length > MaxTranscriptLength)
        {
            throw Errors.InvalidArgument("transcript", $"{transcript.Length} characters; at most {MaxTranscriptLength}.");
        }

        var consent = request.Consent ?? throw Errors.InvalidArgument("consent", "a consent record (speaker, consent_time, evidence_ref) is required.");
        if (string.IsNullOrWhiteSpace(consent.Speaker))
        {
            throw Errors.InvalidArgument("consent.speaker", "who consented is required.");
        }

        if (consent.ConsentTime is null)
        {
            throw Errors.InvalidArgument("consent.consent_time", "when they consented is required.");
        }

        if (string.IsNullOrWhiteSpace(consent.EvidenceRef))
        {
            throw Errors.InvalidArgument("consent.evidence_ref", "where the evidence of consent is kept is required.");
        }

        var now = time.GetUtcNow();
        DateTimeOffset consentTime;
        try
        {
            consentTime = consent.ConsentTime.ToDateTimeOffset();
        }
        catch (InvalidOperationException ex)
        {
            throw Errors.InvalidArgument("consent.consent_time", ex.Message);
        }

        if (consentTime > now + ConsentClockSkew)
        {
            throw Errors.InvalidArgument("consent.consent_time", $"{consentTime:O} is in the future.");
        }

        var language = string.IsNullOrWhiteSpace(request.Language) ? DetectLanguage(transcript) : request.Language.Trim();
        if (!LanguageTag().IsMatch(language))
        {
            throw Errors.InvalidArgument("language", $"'{request.Language}' is not a BCP-47 language tag.");
        }

        var clip = audio.Load(request.ReferenceAudio, "reference_audio", strict);
        var warnings = clip.Warnings.ToList();

        // The embedding of the default speaker encoder is made now, so Synthesis finds it warm.
        await embedder.SpeakerAsync(clip, null, cancellationToken).ConfigureAwait(false);

        var voice = new StoredVoice
        {
            VoiceId = VoiceIds.New(now),
            Name = name,
            Language = language,
            Transcript = transcript,
            ConsentSpeaker = consent.Speaker.Trim(),
            ConsentTime = consentTime,
            ConsentEvidenceRef = consent.EvidenceRef.Trim(),
            ConsentScope = consent.Scope?.Trim() ?? string.Empty,
            ConsentRecordedBy = caller,
            Quality = clip.Quality.ToByteArray(),
            CreateTime = now,
            CreatedBy = caller,
            AudioSha256 = clip.ContentSha256,
            Audio = WavWriter.ToBytes(clip.Decoded, clip.SampleRate),
        };
        await store.InsertVoiceAsync(voice, cancellationToken).ConfigureAwait(false);
        await store.AppendAuditAsync(new AuditEntry(now, caller, AuditActions.Enroll, voice.VoiceId, voice.AudioSha256, $"name={voice.Name}; consent by {voice.ConsentSpeaker} at {consentTime:O}; evidence {voice.ConsentEvidenceRef}"), cancellationToken).ConfigureAwait(false);
        EncodersLog.VoiceEnrolled(logger, voice.VoiceId, caller);
        return (ToContract(voice), warnings);
    }

    public async Task<Voice> GetAsync(GetVoiceRequest request, string caller, CancellationToken cancellationToken)
    {
        var stored = await FindAsync(request.VoiceId, request.IncludeEmbedding || request.IncludeAudio, cancellationToken).ConfigureAwait(false);
        var voice = ToContract(stored);
        if (request.IncludeEmbedding)
        {
            var clip = Reload(stored);
            var result = await embedder.SpeakerAsync(clip, request.EncoderVersion, cancellationToken).ConfigureAwait(false);
            voice.Embedding = new Embedding { Values = { result.Values }, EncoderVersion = result.EncoderVersion };
        }

        if (request.IncludeAudio)
        {
            voice.ReferenceAudio = new VoiceFleet.Contracts.V1.Audio
            {
                Data = ByteString.CopyFrom(stored.Audio),
                Format = AudioFormat.WavPcm16,
                SampleRateHz = WavReader.Read(stored.Audio).SampleRate,
                Channels = 1,
            };
            await store.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), caller, AuditActions.ReadAudio, stored.VoiceId, stored.AudioSha256, "reference audio read"), cancellationToken).ConfigureAwait(false);
        }

        return voice;
    }

    public async Task<(List<Voice> Voices, string NextPageToken)> ListAsync(int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        if (pageSize < 0 || pageSize > MaxPageSize)
        {
            throw Errors.InvalidArgument("page_size", $"{pageSize} is outside 0–{MaxPageSize} (0 = {DefaultPageSize}).");
        }

        var size = pageSize == 0 ? DefaultPageSize : pageSize;
        VoiceCursor? after = null;
        if (!string.IsNullOrEmpty(pageToken) && !VoiceCursor.TryParse(pageToken, out after))
        {
            throw Errors.InvalidArgument("page_token", "not a page token of this service.");
        }

        var page = await store.ListVoicesAsync(size + 1, after, cancellationToken).ConfigureAwait(false);
        var voices = page.Take(size).Select(ToContract).ToList();
        var next = page.Count > size ? new VoiceCursor(page[size - 1].CreateTime.ToUnixTimeMilliseconds(), page[size - 1].VoiceId).ToToken() : string.Empty;
        return (voices, next);
    }

    public async Task<(string VoiceId, int RemovedEmbeddings)> DeleteAsync(string voiceId, string reason, string caller, CancellationToken cancellationToken)
    {
        CheckId(voiceId);
        var deleted = await store.DeleteVoiceAsync(voiceId, cancellationToken).ConfigureAwait(false)
            ?? throw Errors.NotFound($"voice_id: no voice '{voiceId}'.");
        var removed = deleted.Embeddings.Concat(cache.RemoveContent(deleted.Voice.AudioSha256)).Distinct().Count();
        await store.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), caller, AuditActions.Delete, voiceId, deleted.Voice.AudioSha256, $"reason: {(string.IsNullOrWhiteSpace(reason) ? "(none given)" : reason.Trim())}; {removed} embeddings removed"), cancellationToken).ConfigureAwait(false);
        EncodersLog.VoiceDeleted(logger, voiceId, caller, removed);
        return (voiceId, removed);
    }

    private async Task<StoredVoice> FindAsync(string voiceId, bool includeAudio, CancellationToken cancellationToken)
    {
        CheckId(voiceId);
        return await store.GetVoiceAsync(voiceId, includeAudio, cancellationToken).ConfigureAwait(false)
            ?? throw Errors.NotFound($"voice_id: no voice '{voiceId}'.");
    }

    private static void CheckId(string voiceId)
    {
        if (string.IsNullOrEmpty(voiceId))
        {
            throw Errors.InvalidArgument("voice_id", "a voice id is required.");
        }

        if (!VoiceIds.IsWellFormed(voiceId))
        {
            throw Errors.NotFound($"voice_id: no voice '{(voiceId.Length > 64 ? voiceId[..64] + "…" : voiceId)}'.");
        }
    }

    /// <summary>The stored reference as a clip again, keyed by its original content hash (the stored WAV is 16-bit).</summary>
    private ReferenceClip Reload(StoredVoice voice)
    {
        var decoded = WavReader.Read(voice.Audio);
        var clip = audio.Prepare(new DecodedAudio(decoded.SampleRate, 1, decoded.Samples), "reference_audio", strict: false);
        return new ReferenceClip(clip.Decoded, clip.Trimmed, clip.SampleRate, voice.AudioSha256, clip.Quality, clip.Warnings);
    }

    private static Voice ToContract(StoredVoice stored) => new()
    {
        VoiceId = stored.VoiceId,
        Name = stored.Name,
        Language = stored.Language,
        Transcript = stored.Transcript,
        Consent = new ConsentRecord
        {
            Speaker = stored.ConsentSpeaker,
            ConsentTime = Timestamp.FromDateTimeOffset(stored.ConsentTime),
            EvidenceRef = stored.ConsentEvidenceRef,
            Scope = stored.ConsentScope,
            RecordedBy = stored.ConsentRecordedBy,
        },
        Quality = AudioQualityReport.Parser.ParseFrom(stored.Quality),
        CreateTime = Timestamp.FromDateTimeOffset(stored.CreateTime),
        CreatedBy = stored.CreatedBy,
        AudioSha256 = stored.AudioSha256,
    };

    private static string DetectLanguage(string transcript)
    {
        var han = transcript.Count(c => c is >= '\u4E00' and <= '\u9FFF');
        var latin = transcript.Count(char.IsAsciiLetter);
        return han > 0 && han >= latin / 4 ? "zh" : latin > 0 ? "en" : "und";
    }

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();
}
