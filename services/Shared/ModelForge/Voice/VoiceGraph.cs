using VoiceFleet.ModelForge.Graph;
using VoiceFleet.Onnx;
using VoiceFleet.Onnx.Graph;

namespace VoiceFleet.ModelForge.Voice;

/// <summary>
/// Writes a forged voice as ONNX graphs: a source–filter speech synthesiser made of plain ONNX operators.
/// Phoneme ids are looked up in <see cref="PhonemeInventory"/>, given durations (length scale, the emotion's
/// tempo, a seeded jitter scaled by noise_w), expanded to 11.6 ms frames and smoothed into formant tracks; F0
/// follows the speaker's pitch code, the emotion's shift, range and tremor, a phrase intonation pattern and a
/// declination; a bank of harmonics shaped by three formant resonances and a spectral tilt is summed with
/// band-filtered, seeded noise for fricatives and breath.
/// </summary>
/// <remarks>
/// Shapes: B = batch, T = phonemes, F = frames, S = samples (F × hop), K = harmonics. Every model is batched
/// (B is symbolic); items shorter than the longest are zero after their own end.
/// </remarks>
internal sealed class VoiceGraph
{
    private const int NoiseBands = 3;
    private const int MelBins = 80;
    private const float MelLowHz = 0f;
    private const float MelHighHz = 8000f;

    private readonly GraphWriter _g;
    private readonly VoiceDesign _d;

    private VoiceGraph(string graphName, VoiceDesign design)
    {
        _g = new GraphWriter(graphName, design.Version);
        _d = design;
    }

    /// <summary>The conditioned end-to-end voice: phonemes, scales, speaker and emotion embeddings, seed → audio.</summary>
    public static byte[] EndToEnd(VoiceDesign design)
    {
        var v = new VoiceGraph("forge_voice", design);
        var inputs = v.ConditionedInputs();
        var frames = v.Frames(inputs);
        var audio = v.Render(frames.F0, frames.Harmonics, frames.NoiseWeights, frames.FrameCount, inputs.Seed, frames.Total);
        v.AudioOutputs(audio, frames.Total);
        return v.Finish("End-to-end forged voice");
    }

    /// <summary>
    /// The same voice in Piper's shape: input, input_lengths, scales and (with presets) sid → output [1, 1, S].
    /// Speakers are the presets, in <see cref="SpeakerSpace.Presets"/> order; the emotion is neutral and the seed 0.
    /// </summary>
    public static byte[] Piper(VoiceDesign design, bool multiSpeaker)
    {
        var v = new VoiceGraph("forge_voice_piper", design);
        var inputs = v.PiperInputs(multiSpeaker);
        var frames = v.Frames(inputs);
        var audio = v.Render(frames.F0, frames.Harmonics, frames.NoiseWeights, frames.FrameCount, inputs.Seed, frames.Total);
        v._g.OpNamed("output", "Unsqueeze", [audio, v._g.Constant("axes", [1L], 1)]);
        v._g.Model.AddOutput("output", OnnxElementType.Float, 1, 1, "samples");
        return v.Finish("Forged voice in Piper's input layout");
    }

    /// <summary>Stage one of the two-stage voice: the conditioned inputs → an 80-bin log-mel spectrogram [B, 80, F] and F0 [B, F].</summary>
    public static byte[] Acoustic(VoiceDesign design)
    {
        var v = new VoiceGraph("forge_acoustic", design);
        var g = v._g;
        var inputs = v.ConditionedInputs();
        var frames = v.Frames(inputs);

        // The spectral envelope at each mel bin's centre: the harmonic envelope (as if a harmonic sat there)
        // plus the noise spectrum, on a log scale.
        var centres = g.Constant("mel_centres", MelCentres(), MelBins, 1);
        var envelope = v.HarmonicAmplitudes(frames.Controls, centres, frames.F0, antiAlias: false);
        var noise = v.NoiseDensityAt(frames.NoiseWeights);
        var mel = g.Log(g.Add(g.Add(envelope, noise), g.Scalar(1e-5f)));
        g.OpNamed("mel", "Identity", [mel]);
        g.Model.AddOutput("mel", OnnxElementType.Float, "batch", MelBins, "frames");

        // F0 where the frame is voiced, 0 where it is not (the vocoder's voicing decision).
        var voiced = g.Greater(frames.Controls.Voicing, g.Scalar(0.2f));
        var f0 = g.Where(voiced, frames.F0, g.Scalar(0f));
        g.OpNamed("f0", "Squeeze", [f0, g.Constant("axes", [1L], 1)]);
        g.Model.AddOutput("f0", OnnxElementType.Float, "batch", "frames");
        g.OpNamed("mel_lengths", "Cast", [frames.Total], OnnxAttribute.Int("to", (long)OnnxElementType.Int64));
        g.Model.AddOutput("mel_lengths", OnnxElementType.Int64, "batch");
        return v.Finish("Acoustic stage of the two-stage forged voice");
    }

    /// <summary>
    /// Stage two: a source–filter vocoder. Harmonics of f0 take their amplitudes from the mel envelope at
    /// their frequencies; unvoiced frames (f0 = 0) excite band noise at the envelope's level.
    /// </summary>
    public static byte[] Vocoder(VoiceDesign design)
    {
        var v = new VoiceGraph("forge_vocoder", design);
        var g = v._g;
        g.Model.AddInput("mel", OnnxElementType.Float, "batch", MelBins, "frames");
        g.Model.AddInput("f0", OnnxElementType.Float, "batch", "frames");
        g.Model.AddInput("seed", OnnxElementType.Int64, "batch");

        var envelope = g.Exp(g.Op("Max", ["mel", g.Scalar(-12f)]));
        var f0 = g.Unsqueeze("f0", 1);
        var voiced = g.ToFloat(g.Greater(f0, g.Scalar(1f)));
        var safeF0 = g.Max(f0, g.Scalar(40f));
        var k = v.HarmonicNumbers();
        var fk = g.Mul(k, safeF0);

        // Linear interpolation of the envelope at each harmonic's mel position.
        var position = v.MelPosition(fk);
        var lower = g.Floor(position);
        var weight = g.Sub(position, lower);
        var i0 = g.ToLong(lower);
        var i1 = g.ToLong(g.Min(g.Add(lower, g.Scalar(1f)), g.Scalar(MelBins - 1)));
        var a0 = g.GatherElements(envelope, i0, 1);
        var a1 = g.GatherElements(envelope, i1, 1);
        var amplitude = g.Add(g.Mul(a0, g.Sub(g.Scalar(1f), weight)), g.Mul(a1, weight));
        var audible = g.ToFloat(g.Less(fk, g.Scalar(0.45f * VoiceDesign.SampleRate)));
        var harmonics = g.Mul(g.Mul(amplitude, audible), voiced);

        // Noise: each band at the envelope's mean level over the band's mel bins; quieter under voicing.
        var bandMeans = v.MelBandMeans(envelope);
        var noiseWeights = g.Mul(g.Div(bandMeans, g.Scalar(NoiseDensity)), g.Sub(g.Scalar(1f), g.Mul(voiced, g.Scalar(0.85f))));

        var frameCount = g.ToLong(g.Gather(g.Shape("f0"), g.ScalarLong(1)));
        var seed = v.SeedColumn("seed");
        var audio = v.Render(f0WithFloor: safeF0, harmonics, noiseWeights, frameCount, seed, total: null);
        g.OpNamed("output", "Unsqueeze", [audio, g.Constant("axes", [1L], 1)]);
        g.Model.AddOutput("output", OnnxElementType.Float, "batch", 1, "samples");
        return v.Finish("Vocoder stage of the two-stage forged voice");
    }

    /// <summary>The mel bin centre frequencies (HTK mel scale, 0–8 kHz).</summary>
    public static float[] MelCentres()
    {
        var low = HzToMel(MelLowHz);
        var high = HzToMel(MelHighHz);
        var step = (high - low) / (MelBins + 1);
        return [.. Enumerable.Range(1, MelBins).Select(m => (float)MelToHz(low + (m * step)))];
    }

    private byte[] Finish(string doc)
    {
        _g.Model
            .AddMetadata("voicefleet.forge.version", _d.Version)
            .AddMetadata("voicefleet.forge.description", _d.Description)
            .AddMetadata("sample_rate", VoiceDesign.SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .AddMetadata("hop_length", VoiceDesign.HopLength.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithDocString(doc);
        return _g.Model.ToBytes();
    }

    private void AudioOutputs(string audio, string total)
    {
        _g.OpNamed("output", "Unsqueeze", [audio, _g.Constant("axes", [1L], 1)]);
        _g.Model.AddOutput("output", OnnxElementType.Float, "batch", 1, "samples");
        _g.OpNamed("output_lengths", "Cast", [_g.Mul(total, _g.Scalar(VoiceDesign.HopLength))], OnnxAttribute.Int("to", (long)OnnxElementType.Int64));
        _g.Model.AddOutput("output_lengths", OnnxElementType.Int64, "batch");
    }

    private VoiceInputs ConditionedInputs()
    {
        var m = _g.Model;
        m.AddInput("input", OnnxElementType.Int64, "batch", "phonemes");
        m.AddInput("input_lengths", OnnxElementType.Int64, "batch");
        m.AddInput("scales", OnnxElementType.Float, 3);
        m.AddInput("speaker", OnnxElementType.Float, "batch", SpeakerSpace.Dimension);
        m.AddInput("emotion", OnnxElementType.Float, "batch", EmotionSpace.Dimension);
        m.AddInput("seed", OnnxElementType.Int64, "batch");
        return new VoiceInputs("input", "input_lengths", "scales", "speaker", "emotion", SeedColumn("seed"));
    }

    private VoiceInputs PiperInputs(bool multiSpeaker)
    {
        var m = _g.Model;
        m.AddInput("input", OnnxElementType.Int64, 1, "phonemes");
        m.AddInput("input_lengths", OnnxElementType.Int64, 1);
        m.AddInput("scales", OnnxElementType.Float, 3);
        string speaker;
        if (multiSpeaker)
        {
            m.AddInput("sid", OnnxElementType.Int64, 1);
            var table = SpeakerSpace.Presets.SelectMany((_, i) => SpeakerSpace.PresetEmbedding(i)).ToArray();
            var presets = _g.Constant("presets", table, SpeakerSpace.Presets.Length, SpeakerSpace.Dimension);
            speaker = _g.Gather(presets, "sid");
        }
        else
        {
            speaker = _g.Constant("speaker", SpeakerSpace.PresetEmbedding(0), 1, SpeakerSpace.Dimension);
        }

        var emotion = _g.Constant("emotion", new float[EmotionSpace.Dimension], 1, EmotionSpace.Dimension);
        var seed = _g.Constant("seed", [0f], 1, 1);
        return new VoiceInputs("input", "input_lengths", "scales", speaker, emotion, seed);
    }

    /// <summary>The seed as a float column [B, 1], folded into a small range so the noise hash stays precise.</summary>
    private string SeedColumn(string seed)
    {
        var folded = _g.Op("Mod", [seed, _g.ScalarLong(997)]);
        var positive = _g.Op("Mod", [_g.Add(folded, _g.ScalarLong(997)), _g.ScalarLong(997)]);
        return _g.Unsqueeze(_g.ToFloat(positive), 1);
    }

    /// <summary>Phonemes → frame-rate F0, harmonic amplitudes and noise band weights.</summary>
    private FrameTracks Frames(VoiceInputs inputs)
    {
        var g = _g;
        var noiseScale = g.Element(inputs.Scales, 0);
        var lengthScale = g.Element(inputs.Scales, 1);
        var noiseW = g.Element(inputs.Scales, 2);

        // Speaker timbre code [B, 3] and emotion controls [B, 7].
        var code = g.Clip(g.MatMul(inputs.Speaker, g.Constant("speaker_readout", SpeakerSpace.ReadoutMatrix(), SpeakerSpace.Dimension, SpeakerSpace.CodeLength)), -1.5f, 1.5f);
        var controls = g.MatMul(inputs.Emotion, g.Constant("emotion_controls", EmotionSpace.ControlMatrix(), EmotionSpace.Dimension, EmotionSpace.Controls.Length));
        string Column(string matrix, int index) => g.Unsqueeze(g.Slice(matrix, 1, index, index + 1), 2); // [B, 1, 1]
        var pitchCode = Column(code, 0);
        var formantCode = Column(code, 1);
        var tiltCode = Column(code, 2);
        var pitchShift = Column(controls, 0);
        var rangeLog = Column(controls, 1);
        var energyDb = Column(controls, 2);
        var tempoLog = g.Squeeze(Column(controls, 3), 2); // [B, 1]
        var emotionTilt = Column(controls, 4);
        var tremor = Column(controls, 5);
        var breathiness = Column(controls, 6);

        // Per-phoneme targets [B, T, 10].
        var table = g.Constant("phonemes", PhonemeInventory.AttributeTable(), PhonemeInventory.All.Count, PhonemeInventory.AttributeCount);
        var targets = g.Gather(table, inputs.Ids);
        var baseFrames = g.Squeeze(g.Slice(targets, 2, 0, 1), 2); // [B, T]

        // Durations: length scale, tempo, seeded jitter (× noise_w); at least one frame for a sounding phoneme;
        // none past the item's length.
        var phonemeCount = g.Gather(g.Shape(inputs.Ids), g.ScalarLong(1));
        var t = g.Range(phonemeCount);
        var tf = g.ToFloat(t);
        var jitter = Hash(tf, inputs.Seed, 11.3f);
        var frames = g.Mul(g.Mul(baseFrames, g.Mul(lengthScale, g.Scalar(_d.DurationScale))), g.Exp(g.Neg(tempoLog)));
        frames = g.Mul(frames, g.Add(g.Scalar(1f), g.Mul(g.Mul(noiseW, g.Scalar(0.15f)), jitter)));
        frames = g.Where(g.Greater(baseFrames, g.Scalar(0f)), g.Max(g.Round(frames), g.Scalar(1f)), g.Scalar(0f));
        var inside = g.Less(t, g.Unsqueeze(inputs.Lengths, 1));
        frames = g.Where(inside, frames, g.Scalar(0f));

        var ends = g.CumSum(frames, 1);
        var starts = g.Sub(ends, frames);
        var total = g.Max(g.ReduceMax(ends, 1, keepDims: false), g.Scalar(0f)); // [B]; 0 for an empty sequence
        var frameCount = g.ToLong(g.Max(g.ReduceMaxAll(total), g.Scalar(1f)));
        var f = g.ToFloat(g.Range(frameCount)); // [F]

        // Frame → phoneme one-hot [B, F, T], then per-frame targets [B, F, 9] and the intonation target [B, F, 1].
        var fColumn = g.Unsqueeze(f, 1); // [F, 1]
        var assign = g.ToFloat(g.And(g.GreaterOrEqual(fColumn, g.Unsqueeze(starts, 1)), g.Less(fColumn, g.Unsqueeze(ends, 1))));
        var perFrame = g.MatMul(assign, g.Slice(targets, 2, 1, PhonemeInventory.AttributeCount));
        var pattern = IntonationPattern(tf);
        var intonation = g.MatMul(assign, g.Unsqueeze(pattern, 1));
        var tracks = g.Transpose(g.Concat(2, perFrame, intonation), 0, 2, 1); // [B, 10, F]
        tracks = g.DepthwiseConv(tracks, PhonemeInventory.AttributeCount, Smoothing(7));
        string Track(int index) => g.Slice(tracks, 1, index, index + 1); // [B, 1, F]

        // F0 [B, 1, F]: speaker base × emotion shift, intonation × range, declination, tremor, seeded micro-jitter.
        var totalColumn = g.Unsqueeze(g.Max(total, g.Scalar(1f)), 1, 2);
        var declination = g.Mul(g.Div(f, totalColumn), g.Scalar(-_d.DeclinationSemitones));
        var range = g.Mul(g.Exp(rangeLog), g.Scalar(_d.IntonationSemitones));
        var vibrato = g.Sin(g.Mul(f, g.Scalar((float)(2 * Math.PI * 5.5 * VoiceDesign.HopLength / VoiceDesign.SampleRate))));
        var micro = g.Mul(g.Mul(Hash(f, inputs.Seed, 3.7f), noiseScale), g.Scalar(0.35f));
        var semitones = g.Add(g.Add(g.Add(pitchShift, declination), g.Mul(range, Track(9))), g.Add(g.Mul(tremor, vibrato), g.Unsqueeze(micro, 1)));
        var baseF0 = g.Mul(g.Exp(g.Mul(pitchCode, g.Scalar(_d.OctavesPerPitchCode * MathF.Log(2f)))), g.Scalar(_d.BaseF0Hz));
        var f0 = g.Mul(baseF0, g.Exp(g.Mul(semitones, g.Scalar(MathF.Log(2f) / 12f))));

        var formantScale = g.Mul(g.Exp(g.Mul(formantCode, g.Scalar(_d.FormantLogPerCode))), g.Scalar(_d.FormantShift));
        var energy = g.Exp(g.Mul(energyDb, g.Scalar(MathF.Log(10f) / 20f)));
        var tilt = g.Add(g.Add(g.Mul(tiltCode, g.Scalar(_d.TiltDbPerCode)), emotionTilt), g.Scalar(_d.VersionTiltDb));
        var voicing = Track(0);
        var loudness = g.Mul(g.Mul(g.Relu(Track(1)), energy), g.Scalar(_d.Gain));
        var control = new FrameControls(
            voicing,
            loudness,
            [g.Mul(Track(2), formantScale), g.Mul(Track(3), formantScale), g.Mul(Track(4), formantScale)],
            tilt);

        var harmonics = HarmonicAmplitudes(control, HarmonicNumbers(), f0, antiAlias: true);

        // Noise band weights [B, 3, F]: fricative noise, plus breath under voicing; noise_scale brightens it.
        var fricative = g.Mul(g.Slice(tracks, 1, 6, 9), g.Relu(Track(5)));
        var breath = g.Mul(g.Mul(breathiness, g.Mul(g.Relu(voicing), g.Relu(Track(1)))), g.Constant("breath_bands", [0.1f, 0.35f, 0.55f], 1, NoiseBands, 1));
        var noiseGain = g.Mul(g.Add(g.Scalar(0.55f), g.Mul(noiseScale, g.Scalar(0.7f))), g.Scalar(_d.Gain * 1.6f));
        var noiseWeights = g.Mul(g.Add(fricative, breath), g.Mul(energy, noiseGain));

        return new FrameTracks(f0, harmonics, noiseWeights, total, frameCount, control);
    }

    /// <summary>
    /// Amplitudes [B, K, F] of components at <paramref name="numbersOrHz"/> ([K, 1] harmonic numbers × F0, or
    /// fixed Hz): three formant resonances over a floor, the glottal roll-off relative to F0 and the tilt.
    /// </summary>
    private string HarmonicAmplitudes(FrameControls control, string numbersOrHz, string f0, bool antiAlias)
    {
        var g = _g;
        var fk = antiAlias ? g.Mul(numbersOrHz, f0) : g.Add(numbersOrHz, g.Mul(f0, g.Scalar(0f)));
        var envelope = g.Scalar(0.015f);
        for (var i = 0; i < 3; i++)
        {
            var distance = g.Div(g.Sub(fk, control.Formants[i]), g.Scalar(_d.FormantBandwidthsHz[i]));
            var resonance = g.Div(g.Scalar(_d.FormantGains[i]), g.Add(g.Scalar(1f), g.Mul(distance, distance)));
            envelope = g.Add(envelope, resonance);
        }

        var relative = g.Div(fk, f0);
        var source = g.Exp(g.Mul(g.Log(g.Max(relative, g.Scalar(1f))), g.Scalar(-_d.SourceRolloff)));
        var octaves = g.Mul(g.Log(g.Div(g.Max(fk, g.Scalar(20f)), g.Scalar(500f))), g.Scalar(1f / MathF.Log(2f)));
        var tilt = g.Exp(g.Mul(g.Mul(control.TiltDb, octaves), g.Scalar(MathF.Log(10f) / 20f)));
        var amplitude = g.Mul(g.Mul(g.Mul(envelope, source), tilt), g.Mul(g.Relu(control.Voicing), control.Loudness));
        if (antiAlias)
        {
            amplitude = g.Mul(amplitude, g.ToFloat(g.Less(fk, g.Scalar(0.45f * VoiceDesign.SampleRate))));
        }

        return amplitude;
    }

    /// <summary>Frame tracks → samples [B, S]: the harmonic bank at the integrated phase of F0, plus band noise.</summary>
    private string Render(string f0WithFloor, string harmonics, string noiseWeights, string frameCount, string seed, string? total)
    {
        var g = _g;
        var sampleCount = g.Op("Mul", [frameCount, g.ScalarLong(VoiceDesign.HopLength)]);
        var n = g.ToFloat(g.Range(sampleCount)); // [S]

        // Phase: cycles of F0 integrated sample by sample, wrapped to [0, 1).
        var f0Samples = g.Squeeze(g.UpsampleLinear(f0WithFloor, VoiceDesign.HopLength), 1); // [B, S]
        var cycles = g.CumSum(g.Mul(f0Samples, g.Scalar(1f / VoiceDesign.SampleRate)), 1);
        var phase = g.Unsqueeze(g.Fraction(cycles), 1); // [B, 1, S]
        var amplitudes = g.UpsampleLinear(harmonics, VoiceDesign.HopLength); // [B, K, S]
        var twoPiK = g.Mul(HarmonicNumbers(), g.Scalar(2f * MathF.PI));

        string? voiced = null;
        for (var repeat = 0; repeat < _d.ComputeRepeats; repeat++)
        {
            // sin(2πk(φ + r)) = sin(2πkφ) for whole r: the extra passes cost compute, not sound.
            var shifted = repeat == 0 ? phase : g.Add(phase, g.Scalar(repeat));
            var bank = g.ReduceSum(g.Mul(g.Sin(g.Mul(twoPiK, shifted)), amplitudes), 1, keepDims: false);
            voiced = voiced is null ? bank : g.Add(voiced, bank);
        }

        if (_d.ComputeRepeats > 1)
        {
            voiced = g.Mul(voiced!, g.Scalar(1f / _d.ComputeRepeats));
        }

        // Band noise: seeded white noise through three band-pass filters, weighted per frame.
        var white = g.Unsqueeze(Hash(n, seed, 0.5f), 1); // [B, 1, S]
        var bands = g.FilterBank(white, NoiseBandKernels());
        var weights = g.UpsampleLinear(noiseWeights, VoiceDesign.HopLength);
        var noise = g.ReduceSum(g.Mul(bands, weights), 1, keepDims: false);

        var audio = g.Add(voiced!, noise);
        if (total is not null)
        {
            var ends = g.Unsqueeze(g.Mul(total, g.Scalar(VoiceDesign.HopLength)), 1);
            audio = g.Where(g.Less(n, ends), audio, g.Scalar(0f));
        }

        if (_d.Overdrive != 1f)
        {
            audio = g.Mul(audio, g.Scalar(_d.Overdrive));
        }

        audio = g.Clip(audio, -1f, 1f);
        if (_d.NanRate > 0)
        {
            var spoiled = g.Greater(Hash(n, seed, 7.1f), g.Scalar(1f - (2f * _d.NanRate)));
            audio = g.Where(spoiled, g.Scalar(float.NaN), audio);
        }

        return audio;
    }

    /// <summary>The harmonic numbers 1…K as a [K, 1] column.</summary>
    private string HarmonicNumbers() =>
        _g.Constant("harmonics", [.. Enumerable.Range(1, _d.Harmonics).Select(k => (float)k)], _d.Harmonics, 1);

    /// <summary>The phrase intonation target per phoneme [T]: two slow sinusoids over the phoneme index.</summary>
    private string IntonationPattern(string phonemeIndex)
    {
        var p = _d.IntonationPattern;
        var first = _g.Sin(_g.Add(_g.Mul(phonemeIndex, _g.Scalar(p[0])), _g.Scalar(p[1])));
        var second = _g.Sin(_g.Add(_g.Mul(phonemeIndex, _g.Scalar(p[2])), _g.Scalar(p[3])));
        return _g.Add(_g.Mul(first, _g.Scalar(0.6f)), _g.Mul(second, _g.Scalar(0.4f)));
    }

    /// <summary>
    /// A deterministic hash of position × seed into [−1, 1): frac(sin(a) × 437.5453) over an argument folded
    /// small enough for float32 to keep it exact on every run.
    /// </summary>
    private string Hash(string position, string seedColumn, float salt)
    {
        var g = _g;
        var low = g.Op("Mod", [position, g.Scalar(8191f)], OnnxAttribute.Int("fmod", 1));
        var high = g.Floor(g.Mul(position, g.Scalar(1f / 8191f)));
        var argument = g.Add(g.Add(g.Mul(low, g.Scalar(12.9898f)), g.Mul(high, g.Scalar(4.1414f))), g.Mul(g.Add(seedColumn, g.Scalar(salt)), g.Scalar(78.233f)));
        var scrambled = g.Fraction(g.Mul(g.Sin(argument), g.Scalar(437.5453f)));
        return g.Sub(g.Mul(scrambled, g.Scalar(2f)), g.Scalar(1f));
    }

    /// <summary>The noise spectrum [B, 80, F] at the mel centres, for the acoustic stage.</summary>
    private string NoiseDensityAt(string noiseWeights)
    {
        // Each mel bin belongs to one noise band (by its centre), at the band's weight × NoiseDensity.
        var membership = new float[MelBins * NoiseBands];
        var centres = MelCentres();
        for (var m = 0; m < MelBins; m++)
        {
            membership[(m * NoiseBands) + BandOf(centres[m])] = NoiseDensity;
        }

        var map = _g.Constant("noise_membership", membership, MelBins, NoiseBands);
        return _g.MatMul(map, noiseWeights); // [80, 3] × [B, 3, F] → [B, 80, F]
    }

    /// <summary>The mean of the envelope [B, 80, F] over each noise band's mel bins → [B, 3, F].</summary>
    private string MelBandMeans(string envelope)
    {
        var centres = MelCentres();
        var counts = new int[NoiseBands];
        foreach (var c in centres)
        {
            counts[BandOf(c)]++;
        }

        var average = new float[NoiseBands * MelBins];
        for (var m = 0; m < MelBins; m++)
        {
            var band = BandOf(centres[m]);
            average[(band * MelBins) + m] = 1f / counts[band];
        }

        return _g.MatMul(_g.Constant("band_average", average, NoiseBands, MelBins), envelope);
    }

    /// <summary>A frequency's fractional position among the mel bins, clamped to [0, 79].</summary>
    private string MelPosition(string hz)
    {
        var g = _g;
        var low = (float)HzToMel(MelLowHz);
        var step = (float)((HzToMel(MelHighHz) - low) / (MelBins + 1));
        var mel = g.Mul(g.Log(g.Add(g.Mul(hz, g.Scalar(1f / 700f)), g.Scalar(1f))), g.Scalar((float)(2595.0 / Math.Log(10))));
        var position = g.Sub(g.Div(g.Sub(mel, g.Scalar(low)), g.Scalar(step)), g.Scalar(1f));
        return g.Clip(position, 0f, MelBins - 1);
    }

    // Noise filtered into a band has about this much amplitude per unit weight in the envelope.
    private const float NoiseDensity = 0.35f;

    private static int BandOf(float hz) => hz < 1500 ? 0 : hz < 4000 ? 1 : 2;

    private static float[][] NoiseBandKernels() =>
    [
        BandPass(250, 1500, 31),
        BandPass(1500, 4000, 31),
        BandPass(4000, 9500, 31),
    ];

    /// <summary>A Hamming-windowed sinc band-pass FIR of odd length, unit gain at its centre frequency.</summary>
    private static float[] BandPass(double lowHz, double highHz, int taps)
    {
        var kernel = new double[taps];
        var half = taps / 2;
        var lo = lowHz / VoiceDesign.SampleRate;
        var hi = highHz / VoiceDesign.SampleRate;
        for (var i = 0; i < taps; i++)
        {
            var m = i - half;
            var ideal = m == 0 ? 2 * (hi - lo) : (Math.Sin(2 * Math.PI * hi * m) - Math.Sin(2 * Math.PI * lo * m)) / (Math.PI * m);
            var window = 0.54 - (0.46 * Math.Cos(2 * Math.PI * i / (taps - 1)));
            kernel[i] = ideal * window;
        }

        // Normalise the response at the band centre to 1.
        var centre = (lo + hi) / 2;
        double re = 0, im = 0;
        for (var i = 0; i < taps; i++)
        {
            re += kernel[i] * Math.Cos(2 * Math.PI * centre * i);
            im += kernel[i] * Math.Sin(2 * Math.PI * centre * i);
        }

        var gain = Math.Sqrt((re * re) + (im * im));
        return [.. kernel.Select(k => (float)(k / gain))];
    }

    /// <summary>A normalised Hann kernel of odd length, for smoothing frame tracks.</summary>
    private static float[] Smoothing(int taps)
    {
        var kernel = Enumerable.Range(0, taps).Select(i => 0.5 - (0.5 * Math.Cos(2 * Math.PI * (i + 1) / (taps + 1)))).ToArray();
        var sum = kernel.Sum();
        return [.. kernel.Select(k => (float)(k / sum))];
    }

    private static double HzToMel(double hz) => 2595.0 * Math.Log10(1 + (hz / 700.0));

    private static double MelToHz(double mel) => 700.0 * (Math.Pow(10, mel / 2595.0) - 1);

    private sealed record VoiceInputs(string Ids, string Lengths, string Scales, string Speaker, string Emotion, string Seed);

    private sealed record FrameControls(string Voicing, string Loudness, string[] Formants, string TiltDb);

    private sealed record FrameTracks(string F0, string Harmonics, string NoiseWeights, string Total, string FrameCount, FrameControls Controls);
}
