using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using VoiceFleet.Synthesis.Configuration;
using VoiceFleet.Synthesis.Pipeline;

namespace VoiceFleet.Synthesis.Diagnostics;

/// <summary>
/// The synthesis families of docs/metrics.md (meter <c>VoiceFleet.Synthesis</c>): requests, latency and real-time
/// factor per model version and track, stage and model-run times, batch sizes, admission, fallbacks and the quality
/// signals of every output. The release controller's gates read these.
/// </summary>
internal sealed class SynthesisMetrics
{
    private static readonly double[] RatioBuckets = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 5];
    private static readonly double[] ShareBuckets = [0, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1];
    private static readonly double[] LoudnessBuckets = [-70, -60, -50, -40, -35, -30, -27, -24, -21, -18, -15, -12, -9, -6, 0];
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
    private static readonly double[] DurationBuckets = [0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 60, 120, 300];
    private static readonly double[] BatchBuckets = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64];

    private readonly KeyValuePair<string, object?> version;
    private readonly Counter<long> requests;
    private readonly Histogram<double> duration;
    private readonly Histogram<double> firstAudio;
    private readonly Histogram<double> rtf;
    private readonly Counter<double> audioSeconds;
    private readonly Histogram<double> stage;
    private readonly Histogram<double> modelRun;
    private readonly Histogram<int> batchSize;
    private readonly Counter<long> rejected;
    private readonly Counter<long> fallbacks;
    private readonly Counter<long> nonFinite;
    private readonly Histogram<double> clipping;
    private readonly Histogram<double> silence;
    private readonly Histogram<double> loudness;
    private readonly Histogram<double> outputDuration;
    private int inFlight;
    private int queued;

    public SynthesisMetrics(IMeterFactory meterFactory, IOptions<SynthesisOptions> options)
    {
        version = new("model_version", options.Value.ModelVersion);
        var meter = meterFactory.Create("VoiceFleet.Synthesis");
        requests = meter.CreateCounter<long>("voicefleet_synthesis_requests_total", description: "Synthesis requests (unary, streaming, REST) by model version, track and outcome.");
        duration = meter.CreateHistogram<double>("voicefleet_synthesis_request_duration_seconds", "s", "Request received to last byte of audio.", advice: Advice(SecondsBuckets));
        firstAudio = meter.CreateHistogram<double>("voicefleet_synthesis_first_audio_seconds", "s", "Request received to first audio chunk sent (streaming).", advice: Advice(SecondsBuckets));
        rtf = meter.CreateHistogram<double>("voicefleet_synthesis_real_time_factor", description: "Processing seconds per second of audio, per successful request.", advice: Advice(RatioBuckets));
        audioSeconds = meter.CreateCounter<double>("voicefleet_synthesis_audio_seconds_total", "s", "Seconds of audio returned.");
        stage = meter.CreateHistogram<double>("voicefleet_synthesis_stage_duration_seconds", "s", "Time in each pipeline stage.", advice: Advice(SecondsBuckets));
        modelRun = meter.CreateHistogram<double>("voicefleet_synthesis_onnx_run_duration_seconds", "s", "One ONNX Runtime model run (a whole batch).", advice: Advice(SecondsBuckets));
        batchSize = meter.CreateHistogram<int>("voicefleet_synthesis_batch_size", description: "Sentences per model run.", advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchBuckets.Select(b => (int)b).ToArray() });
        rejected = meter.CreateCounter<long>("voicefleet_synthesis_rejected_total", description: "Requests refused by admission control or limits, by reason.");
        fallbacks = meter.CreateCounter<long>("voicefleet_synthesis_fallbacks_total", description: "Fallbacks applied, by kind.");
        nonFinite = meter.CreateCounter<long>("voicefleet_synthesis_quality_non_finite_samples_total", description: "NaN or infinite samples the model produced (replaced by silence).");
        clipping = meter.CreateHistogram<double>("voicefleet_synthesis_quality_clipping_ratio", description: "Share of samples at full scale, per output.", advice: Advice(ShareBuckets));
        silence = meter.CreateHistogram<double>("voicefleet_synthesis_quality_silence_ratio", description: "Share of silent 10 ms frames, per output.", advice: Advice(ShareBuckets));
        loudness = meter.CreateHistogram<double>("voicefleet_synthesis_quality_loudness_lufs", description: "Integrated loudness (BS.1770), per output.", advice: Advice(LoudnessBuckets));
        outputDuration = meter.CreateHistogram<double>("voicefleet_synthesis_output_duration_seconds", "s", "Length of each output.", advice: Advice(DurationBuckets));
        meter.CreateObservableGauge("voicefleet_synthesis_in_flight", () => new Measurement<int>(Volatile.Read(ref inFlight), version), description: "Requests admitted and not finished.");
        meter.CreateObservableGauge("voicefleet_synthesis_queue_depth", () => new Measurement<int>(Volatile.Read(ref queued), version), description: "Requests waiting for admission.");
    }

    public void Queued(int delta) => Interlocked.Add(ref queued, delta);

    public void Admitted(int delta) => Interlocked.Add(ref inFlight, delta);

    public void Rejected(string reason) => rejected.Add(1, version, new("reason", reason));

    public void Fallback(string kind) => fallbacks.Add(1, version, new("kind", kind));

    public void Stage(string name, TimeSpan elapsed) => stage.Record(elapsed.TotalSeconds, version, new("stage", name));

    public void RecordModelRun(TimeSpan elapsed, int sentences)
    {
        modelRun.Record(elapsed.TotalSeconds, version);
        batchSize.Record(sentences, version);
    }

    public void FirstAudio(string track, TimeSpan elapsed) => firstAudio.Record(elapsed.TotalSeconds, version, new("track", track));

    /// <summary>Records a finished request: its outcome and, when it succeeded, its timing and quality.</summary>
    public void Completed(string track, string grpcCode, TimeSpan elapsed, OutputSummary? output)
    {
        var trackTag = new KeyValuePair<string, object?>("track", track);
        requests.Add(1, version, trackTag, new("grpc_code", grpcCode));
        if (output is null)
        {
            return;
        }

        duration.Record(elapsed.TotalSeconds, version, trackTag);
        audioSeconds.Add(output.AudioSeconds, version, trackTag);
        outputDuration.Record(output.AudioSeconds, version, trackTag);
        if (output.AudioSeconds > 0)
        {
            rtf.Record(elapsed.TotalSeconds / output.AudioSeconds, version, trackTag);
        }

        nonFinite.Add(output.Quality.NonFiniteSamples, version, trackTag);
        clipping.Record(output.Quality.ClippingRatio, version, trackTag);
        silence.Record(output.Quality.SilenceRatio, version, trackTag);
        loudness.Record(output.Quality.LoudnessLufs, version, trackTag);
    }

    private static InstrumentAdvice<double> Advice(double[] buckets) => new() { HistogramBucketBoundaries = buckets };
}
