using VoiceFleet.Audio.Dsp;
using VoiceFleet.Audio.Watermarking;
using VoiceFleet.Synthesis.Pipeline;

namespace VoiceFleet.Synthesis.Output;

/// <summary>
/// Builds one request's output sentence by sentence, so streaming and unary give the same samples: each sentence's
/// model audio is sanitised (NaN/∞ → 0, clamped to ±1, counted), pitch-shifted when asked, followed by its pause —
/// lengthened by at most one watermark grid step so that the next sentence starts on the grid — watermarked as a
/// segment of the whole output, then resampled to the output rate.
/// </summary>
internal sealed class OutputAssembler
{
    private readonly int modelRate;
    private readonly int outputRate;
    private readonly double pitchSemitones;
    private readonly Watermarker? watermarker;
    private readonly PreparedWatermark? prepared;
    private readonly int grid;
    private readonly double maxSeconds;
    private readonly List<float> clean = [];
    private long position;
    private double outputSeconds;
    private long nonFinite;
    private Task<QualityReport>? quality;

    public OutputAssembler(int modelRate, int outputRate, double pitchSemitones, Watermarker? watermarker, PreparedWatermark? prepared, double maxSeconds)
    {
        this.modelRate = modelRate;
        this.outputRate = outputRate;
        this.pitchSemitones = pitchSemitones;
        this.watermarker = watermarker;
        this.prepared = prepared;
        if ((watermarker is null) != (prepared is null))
        {
            throw new ArgumentException("A watermarker needs its prepared mark, and a prepared mark its watermarker.", nameof(prepared));
        }

        this.maxSeconds = maxSeconds;
        grid = watermarker is null ? 1 : Watermarker.SegmentGrid(modelRate);
    }

    /// <summary>Seconds of output so far.</summary>
    public double Seconds => outputSeconds;

    /// <summary>Adds a sentence and its pause; returns the finished segment.</summary>
    /// <exception cref="Rpc.RpcException">INVALID_ARGUMENT when the output would exceed its limit.</exception>
    public OutputSegment Add(int index, string text, float[] modelAudio, double pauseSeconds, bool isLast, CancellationToken cancellationToken)
    {
        for (int i = 0; i < modelAudio.Length; i++)
        {
            var v = modelAudio[i];
            if (!float.IsFinite(v))
            {
                nonFinite++;
                modelAudio[i] = 0;
            }
            else if (v is > 1f or < -1f)
            {
                modelAudio[i] = Math.Clamp(v, -1f, 1f);
            }
        }

        var speech = pitchSemitones == 0 ? modelAudio : PitchShifter.Shift(modelAudio, modelRate, pitchSemitones);
        int pause = isLast ? 0 : (int)Math.Round(Math.Max(0, pauseSeconds) * modelRate);
        int length = speech.Length + pause;
        if (!isLast && grid > 1)
        {
            length = (length + grid - 1) / grid * grid;
        }

        var segment = new float[length];
        speech.CopyTo(segment, 0);
        clean.AddRange(segment);
        if (isLast)
        {
            // The output is complete before its mark: measure it on a spare thread while the last segment is marked.
            var count = nonFinite;
            quality = Task.Run(() => QualityReport.Measure(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(clean), modelRate, count), CancellationToken.None);
        }

        var marked = watermarker is null || prepared is null || segment.Length == 0
            ? segment
            : watermarker.EmbedSegment(segment, modelRate, prepared, position, cancellationToken).Audio;
        var output = outputRate == modelRate || marked.Length == 0 ? marked : SincResampler.Resample(marked, modelRate, outputRate);
        var start = outputSeconds;
        position += length;
        outputSeconds += (double)output.Length / outputRate;
        if (outputSeconds > maxSeconds)
        {
            throw new Rpc.RpcException(Rpc.StatusCode.InvalidArgument, $"the output would be longer than {maxSeconds:0.#} s (Synthesis:Serving:MaxOutputSeconds); shorten the text or raise the speed");
        }

        return new OutputSegment(index, text, output, start, isLast);
    }

    /// <summary>The quality signals of everything added, measured before the watermark at the model's rate.</summary>
    public Task<QualityReport> QualityAsync() =>
        quality ?? Task.FromResult(QualityReport.Measure(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(clean), modelRate, nonFinite));
}
