using Microsoft.Extensions.Options;
using VoiceFleet.Contracts.V1;
using VoiceFleet.ReleaseController.Configuration;
using VoiceFleet.ReleaseController.Regression;
using VoiceFleet.Rpc;

namespace VoiceFleet.ReleaseController.Slots;

/// <summary>
/// One input synthesised on the candidate (canary) slot and the baseline (stable) slot directly, with
/// the same voice, emotion and seed, and compared through the Encoders: speaker similarity of the two
/// outputs and the emotion the encoder hears in each.
/// </summary>
internal sealed class PairedSynthesis(SlotClients clients, IOptions<RegressionOptions> options)
{
    public async Task<PairOutcome> RunAsync(GoldenItem item, Slot candidate, Slot baseline, CancellationToken cancellationToken)
    {
        var request = new SynthesizeRequest
        {
            Text = item.Text,
            Language = item.Lang ?? string.Empty,
            Emotion = new EmotionSpec { Label = item.Emotion },
            Seed = options.Value.Seed,
            Format = AudioFormat.WavPcm16,
        };
        if (!string.IsNullOrEmpty(options.Value.Voice))
        {
            request.Voice = new VoiceSpec { PresetSpeaker = options.Value.Voice };
        }

        var outcome = new PairOutcome(item);
        try
        {
            outcome.Candidate = await clients.Synthesis(candidate).SynthesizeAsync(request, clients.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            outcome.CandidateError = $"{ex.StatusCode}: {ex.Status.Detail}";
        }

        try
        {
            outcome.Baseline = await clients.Synthesis(baseline).SynthesizeAsync(request, clients.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            outcome.BaselineError = $"{ex.StatusCode}: {ex.Status.Detail}";
        }

        if (!clients.HasEncoders)
        {
            return outcome;
        }

        try
        {
            var encoders = clients.Encoders;
            if (outcome.Candidate is not null)
            {
                var emotion = await encoders.EmbedEmotionAsync(new EmbedEmotionRequest { Emotion = new EmotionSpec { ReferenceAudio = outcome.Candidate.Audio } }, clients.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
                outcome.CandidateEmotion = emotion.Emotion;
            }

            if (outcome.Baseline is not null)
            {
                var emotion = await encoders.EmbedEmotionAsync(new EmbedEmotionRequest { Emotion = new EmotionSpec { ReferenceAudio = outcome.Baseline.Audio } }, clients.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
                outcome.BaselineEmotion = emotion.Emotion;
            }

            if (outcome.Candidate is not null && outcome.Baseline is not null)
            {
                var a = await encoders.EmbedSpeakerAsync(new EmbedSpeakerRequest { Audio = outcome.Candidate.Audio }, clients.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
                var b = await encoders.EmbedSpeakerAsync(new EmbedSpeakerRequest { Audio = outcome.Baseline.Audio }, clients.Call(cancellationToken)).ResponseAsync.ConfigureAwait(false);
                outcome.SpeakerSimilarity = Cosine(a.Embedding.Values, b.Embedding.Values);
            }
        }
        catch (RpcException ex)
        {
            outcome.EncoderError = $"{ex.StatusCode}: {ex.Status.Detail}";
        }

        return outcome;
    }

    public static double Cosine(IReadOnlyList<float> a, IReadOnlyList<float> b)
    {
        if (a.Count != b.Count || a.Count == 0)
        {
            return double.NaN;
        }

        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Count; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }

        return na == 0 || nb == 0 ? double.NaN : dot / Math.Sqrt(na * nb);
    }
}

/// <summary>What one paired synthesis gave.</summary>
internal sealed class PairOutcome(GoldenItem item)
{
    public GoldenItem Item { get; } = item;

    public SynthesizeResponse? Candidate { get; set; }

    public SynthesizeResponse? Baseline { get; set; }

    public string? CandidateError { get; set; }

    public string? BaselineError { get; set; }

    public string? EncoderError { get; set; }

    public double? SpeakerSimilarity { get; set; }

    public string? CandidateEmotion { get; set; }

    public string? BaselineEmotion { get; set; }

    public bool CandidateAgrees => CandidateEmotion is not null && string.Equals(CandidateEmotion, Item.Emotion, StringComparison.OrdinalIgnoreCase);

    public bool BaselineAgrees => BaselineEmotion is not null && string.Equals(BaselineEmotion, Item.Emotion, StringComparison.OrdinalIgnoreCase);
}
