using System.Diagnostics;
using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Onnx;
using VoiceFleet.Onnx.Runtime;

namespace VoiceFleet.Synthesis.Models;

/// <summary>
/// A text-to-speech bundle on ONNX Runtime, found by tensor roles rather than names: an end-to-end model (VoiceFleet
/// bundles and Piper voices: phoneme ids → audio) or a two-stage one (acoustic: phoneme ids → mel + F0, then
/// vocoder: mel + F0 → audio). Sentences of a batch are padded to the longest and trimmed back by the lengths the
/// model reports; a model that reports none runs one sentence at a time.
/// </summary>
internal sealed class OnnxVoiceModel : IVoiceModel
{
    private static readonly TensorRole[] TextInputRoles =
        [TensorRole.PhonemeIds, TensorRole.PhonemeLengths, TensorRole.Scales, TensorRole.SpeakerEmbedding, TensorRole.SpeakerId, TensorRole.EmotionEmbedding, TensorRole.Seed];

    private static readonly TensorRole[] VocoderInputRoles =
        [TensorRole.Mel, TensorRole.Pitch, TensorRole.MelLengths, TensorRole.Seed, TensorRole.SpeakerEmbedding];

    private readonly ModelBundle bundle;
    private readonly ModelComponent text;
    private readonly ModelComponent? vocoder;
    private readonly string textComponent;
    private readonly long padId;
    private readonly int hopLength;

    public OnnxVoiceModel(ModelBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        this.bundle = bundle;
        Manifest = bundle.Manifest;
        if (Manifest.Kind == ModelKind.TwoStage)
        {
            textComponent = ModelComponentNames.Acoustic;
            text = Manifest.GetComponent(ModelComponentNames.Acoustic);
            vocoder = Manifest.GetComponent(ModelComponentNames.Vocoder);
            hopLength = Manifest.Mel?.HopLength ?? 0;
        }
        else if (Manifest.Kind == ModelKind.EndToEnd)
        {
            textComponent = ModelComponentNames.Model;
            text = Manifest.GetComponent(ModelComponentNames.Model);
        }
        else
        {
            throw new NotSupportedException($"{Manifest.Name}/{Manifest.Version} is a {Manifest.Kind} model, not a text-to-speech one.");
        }

        CheckInputs(text, TextInputRoles, textComponent);
        if (Input(text, TensorRole.PhonemeIds) is null)
        {
            throw new NotSupportedException($"{Manifest.Name}/{Manifest.Version}: the {textComponent} model has no phonemeIds input.");
        }

        if (vocoder is not null)
        {
            CheckInputs(vocoder, VocoderInputRoles, ModelComponentNames.Vocoder);
        }

        var phonemes = Manifest.Phonemes;
        padId = phonemes?.Pad is { } pad && phonemes.IdMap.TryGetValue(pad, out var ids) && ids.Count > 0 ? ids[0] : 0;
        SampleRate = Manifest.SampleRate;
        Conditioning = new VoiceConditioning(
            Manifest,
            takesSpeakerEmbedding: Input(text, TensorRole.SpeakerEmbedding) is not null,
            takesSpeakerId: Input(text, TensorRole.SpeakerId) is not null,
            takesEmotion: Input(text, TensorRole.EmotionEmbedding) is not null);
        Batchable = IsBatchable();
    }

    public ModelManifest Manifest { get; }

    public int SampleRate { get; }

    public bool Batchable { get; }

    public VoiceConditioning Conditioning { get; }

    /// <summary>Opens the sessions now, so the first request does not pay for it.</summary>
    public void Warm()
    {
        _ = bundle.GetSession(textComponent);
        if (vocoder is not null)
        {
            _ = bundle.GetSession(ModelComponentNames.Vocoder);
        }
    }

    public ModelRun Run(IReadOnlyList<SentenceInput> batch, InferenceScales scales, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return new ModelRun([], []);
        }

        if (batch.Count > 1 && !Batchable)
        {
            throw new InvalidOperationException($"{Manifest.Name}/{Manifest.Version} runs one sentence at a time.");
        }

        var stages = new List<StageTime>(2);
        var started = Stopwatch.GetTimestamp();
        var inputs = TextInputs(batch, scales);
        var audioSpec = Output(text, TensorRole.Audio);
        if (vocoder is null)
        {
            var audioLengthsSpec = Output(text, TensorRole.AudioLengths);
            string[] wanted = audioLengthsSpec is null ? [audioSpec!.Name] : [audioSpec!.Name, audioLengthsSpec.Name];
            var outputs = bundle.GetSession(textComponent).Run(inputs, wanted, cancellationToken);
            stages.Add(new StageTime("model", Stopwatch.GetElapsedTime(started)));
            var lengths = audioLengthsSpec is null ? null : ReadLengths(outputs[audioLengthsSpec.Name]);
            return new ModelRun(Split(outputs[audioSpec.Name], batch.Count, lengths), stages);
        }

        var melSpec = Output(text, TensorRole.Mel)!;
        var pitchSpec = Output(text, TensorRole.Pitch);
        var melLengthsSpec = Output(text, TensorRole.MelLengths);
        var acousticWanted = new List<string> { melSpec.Name };
        if (pitchSpec is not null)
        {
            acousticWanted.Add(pitchSpec.Name);
        }

        if (melLengthsSpec is not null)
        {
            acousticWanted.Add(melLengthsSpec.Name);
        }

        var acoustic = bundle.GetSession(textComponent).Run(inputs, acousticWanted, cancellationToken);
        stages.Add(new StageTime("acoustic", Stopwatch.GetElapsedTime(started)));

        started = Stopwatch.GetTimestamp();
        var vocoderInputs = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        foreach (var input in vocoder.Inputs)
        {
            vocoderInputs[input.Name] = input.Role switch
            {
                TensorRole.Mel => acoustic[melSpec.Name],
                TensorRole.Pitch when pitchSpec is not null => acoustic[pitchSpec.Name],
                TensorRole.MelLengths when melLengthsSpec is not null => acoustic[melLengthsSpec.Name],
                TensorRole.Seed => Integers(input, batch.Select(s => s.Seed).ToArray(), [batch.Count]),
                TensorRole.SpeakerEmbedding => Floats(batch, s => s.Speaker, Conditioning.SpeakerEmbeddingSize),
                _ => throw new NotSupportedException($"{Manifest.Name}/{Manifest.Version}: the vocoder's {input.Role} input '{input.Name}' has nothing to feed it."),
            };
        }

        var vocoderAudio = Output(vocoder, TensorRole.Audio)!;
        var vocoderLengths = Output(vocoder, TensorRole.AudioLengths);
        string[] vocoderWanted = vocoderLengths is null ? [vocoderAudio.Name] : [vocoderAudio.Name, vocoderLengths.Name];
        var voc = bundle.GetSession(ModelComponentNames.Vocoder).Run(vocoderInputs, vocoderWanted, cancellationToken);
        stages.Add(new StageTime("vocoder", Stopwatch.GetElapsedTime(started)));
        long[]? samples = vocoderLengths is not null
            ? ReadLengths(voc[vocoderLengths.Name])
            : melLengthsSpec is not null && hopLength > 0
                ? ReadLengths(acoustic[melLengthsSpec.Name]).Select(frames => frames * hopLength).ToArray()
                : null;
        return new ModelRun(Split(voc[vocoderAudio.Name], batch.Count, samples), stages);
    }

    private Dictionary<string, OnnxTensor> TextInputs(IReadOnlyList<SentenceInput> batch, InferenceScales scales)
    {
        var count = batch.Count;
        var inputs = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        foreach (var input in text.Inputs)
        {
            inputs[input.Name] = input.Role switch
            {
                TensorRole.PhonemeIds => PhonemeIds(input, batch),
                TensorRole.PhonemeLengths => Integers(input, batch.Select(s => (long)s.PhonemeIds.Length).ToArray(), [count]),
                TensorRole.Scales => OnnxTensor.Create(scales.ToArray(), 3),
                TensorRole.SpeakerEmbedding => Floats(batch, s => s.Speaker, Conditioning.SpeakerEmbeddingSize),
                TensorRole.SpeakerId => Integers(input, batch.Select(s => s.SpeakerId).ToArray(), [count]),
                TensorRole.EmotionEmbedding => Floats(batch, s => s.Emotion, Conditioning.EmotionEmbeddingSize),
                TensorRole.Seed => Integers(input, batch.Select(s => s.Seed).ToArray(), [count]),
                _ => throw new NotSupportedException($"input role {input.Role}"),
            };
        }

        return inputs;
    }

    private OnnxTensor PhonemeIds(TensorSpec spec, IReadOnlyList<SentenceInput> batch)
    {
        var width = batch.Max(s => s.PhonemeIds.Length);
        var ids = new long[batch.Count * width];
        ids.AsSpan().Fill(padId);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].PhonemeIds.CopyTo(ids, i * width);
        }

        return Integers(spec, ids, [batch.Count, width]);
    }

    private static OnnxTensor Integers(TensorSpec spec, long[] values, long[] shape) => spec.ElementType switch
    {
        OnnxElementType.Int64 => OnnxTensor.Create(values, shape),
        OnnxElementType.Int32 => OnnxTensor.Create(values.Select(v => checked((int)v)).ToArray(), shape),
        _ => throw new NotSupportedException($"input '{spec.Name}' is {spec.ElementType}; integer inputs must be int64 or int32."),
    };

    private static OnnxTensor Floats(IReadOnlyList<SentenceInput> batch, Func<SentenceInput, float[]?> pick, int size)
    {
        var values = new float[batch.Count * size];
        for (var i = 0; i < batch.Count; i++)
        {
            var vector = pick(batch[i]) ?? throw new InvalidOperationException("a sentence lacks the conditioning vector the model needs.");
            if (vector.Length != size)
            {
                throw new InvalidOperationException($"a conditioning vector has {vector.Length} values; the model takes {size}.");
            }

            vector.CopyTo(values, i * size);
        }

        return OnnxTensor.Create(values, batch.Count, size);
    }

    private static long[] ReadLengths(OnnxTensor tensor) => tensor.ElementType switch
    {
        OnnxElementType.Int64 => tensor.ToArray<long>(),
        OnnxElementType.Int32 => tensor.ToArray<int>().Select(v => (long)v).ToArray(),
        _ => throw new NotSupportedException($"a lengths output is {tensor.ElementType}; it must be int64 or int32."),
    };

    private static float[][] Split(OnnxTensor audio, int count, long[]? lengths)
    {
        if (audio.ElementType != OnnxElementType.Float)
        {
            throw new NotSupportedException($"the audio output is {audio.ElementType}; it must be float32.");
        }

        var all = audio.AsSpan<float>();
        var stride = all.Length / count;
        var result = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var length = lengths is null ? stride : (int)Math.Clamp(lengths[i], 0, stride);
            result[i] = all.Slice(i * stride, length).ToArray();
        }

        return result;
    }

    private bool IsBatchable()
    {
        var ids = Input(text, TensorRole.PhonemeIds)!;
        if (ids.Shape.Count == 0 || ids.Shape[0].IsFixed)
        {
            return false;
        }

        if (vocoder is null)
        {
            return Output(text, TensorRole.AudioLengths) is not null;
        }

        var mel = Input(vocoder, TensorRole.Mel);
        return mel is not null && mel.Shape.Count > 0 && !mel.Shape[0].IsFixed
            && (Output(vocoder, TensorRole.AudioLengths) is not null || (Output(text, TensorRole.MelLengths) is not null && hopLength > 0));
    }

    private void CheckInputs(ModelComponent component, TensorRole[] supported, string name)
    {
        foreach (var input in component.Inputs)
        {
            if (Array.IndexOf(supported, input.Role) < 0)
            {
                throw new NotSupportedException($"{Manifest.Name}/{Manifest.Version}: the {name} model's {input.Role} input '{input.Name}' is not one synthesis can feed.");
            }
        }

        if (Output(component, TensorRole.Audio) is null && Output(component, TensorRole.Mel) is null)
        {
            throw new NotSupportedException($"{Manifest.Name}/{Manifest.Version}: the {name} model declares neither an audio nor a mel output.");
        }
    }

    private static TensorSpec? Input(ModelComponent component, TensorRole role) => component.Inputs.FirstOrDefault(t => t.Role == role);

    private static TensorSpec? Output(ModelComponent component, TensorRole role) => component.Outputs.FirstOrDefault(t => t.Role == role);
}
