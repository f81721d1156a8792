using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Store;
using VoiceFleet.Onnx.Runtime;
using VoiceFleet.Rpc;
using VoiceFleet.Synthesis.Configuration;
using V1 = VoiceFleet.Contracts.V1;

namespace VoiceFleet.Synthesis.Models;

/// <summary>
/// The model version this slot serves (<c>Synthesis:Model</c>/<c>Synthesis:ModelVersion</c> from
/// <c>Synthesis:ModelStoreRoot</c>), loaded once — at start when <c>Preload</c> is on — and kept for the life of the
/// process. Without a store, or when the bundle cannot be loaded, synthesis answers FAILED_PRECONDITION with the reason.
/// </summary>
internal sealed class VoiceModelHost : IDisposable
{
    private readonly SynthesisOptions options;
    private readonly ModelStore? store;
    private readonly Lazy<Loaded> loaded;

    public VoiceModelHost(IOptions<SynthesisOptions> options, ILoggerFactory loggerFactory)
    {
        this.options = options.Value;
        store = string.IsNullOrEmpty(this.options.ModelStoreRoot) ? null : new ModelStore(new ModelStoreOptions { Root = this.options.ModelStoreRoot });
        loaded = new Lazy<Loaded>(() => Load(loggerFactory), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The served version, e.g. <c>v21</c>.</summary>
    public string ModelVersion => options.ModelVersion;

    /// <summary>The served model as <c>model/version</c>.</summary>
    public string ModelReference => options.ModelReference;

    /// <summary>The loaded model.</summary>
    /// <exception cref="RpcException">FAILED_PRECONDITION: no store, or the bundle cannot be loaded (the message says why).</exception>
    public IVoiceModel Model
    {
        get
        {
            var value = loaded.Value;
            return value.Model ?? throw new RpcException(StatusCode.FailedPrecondition, value.Error!);
        }
    }

    /// <summary>Whether the model is loaded and usable (for readiness).</summary>
    public bool IsReady => loaded.IsValueCreated && loaded.Value.Model is not null;

    /// <summary>Loads the model now; returns the error when it cannot be loaded.</summary>
    public string? Preload()
    {
        var value = loaded.Value;
        if (value.Model is OnnxVoiceModel onnx)
        {
            onnx.Warm();
        }

        return value.Error;
    }

    /// <summary>Every valid version of the served model in the store, sorted by version.</summary>
    public IReadOnlyList<V1.ModelVersionInfo> ListVersions()
    {
        if (store is null)
        {
            return [];
        }

        var result = new List<V1.ModelVersionInfo>();
        IReadOnlyList<string> versions;
        try
        {
            versions = store.ListVersions(options.Model);
        }
        catch (Exception ex) when (ex is ModelNotFoundException or ModelStoreException or IOException)
        {
            return [];
        }

        foreach (var version in versions)
        {
            try
            {
                var manifest = store.Describe(options.Model, version);
                result.Add(Describe(manifest, Path.Join(store.Root, options.Model, version)));
            }
            catch (Exception ex) when (ex is ModelManifestException or ModelStoreException or ModelNotFoundException or IOException)
            {
                // An invalid bundle is not a version anyone can serve; it is left out of the list.
            }
        }

        return result;
    }

    /// <summary>The contract's description of a manifest.</summary>
    public static V1.ModelVersionInfo Describe(ModelManifest manifest, string directory, bool? batchable = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var isPiper = !File.Exists(Path.Join(directory, ModelManifest.FileName));
        var info = new V1.ModelVersionInfo
        {
            Model = manifest.Name,
            Version = manifest.Version,
            Kind = isPiper ? V1.ModelKind.Piper : manifest.Kind == ModelKind.TwoStage ? V1.ModelKind.TwoStage : V1.ModelKind.EndToEnd,
            SampleRateHz = manifest.SampleRate,
            PhonemeAlphabet = manifest.Phonemes?.Alphabet ?? "",
            SpeakerEmbeddingDim = manifest.Conditioning?.Speaker?.EmbeddingSize ?? 0,
            EmotionEmbeddingDim = manifest.Conditioning?.Emotion?.EmbeddingSize ?? 0,
            SpeakerEncoderVersion = manifest.Conditioning?.Speaker?.Encoder is { } se ? se.Name + "/" + se.Version : "",
            EmotionEncoderVersion = manifest.Conditioning?.Emotion?.Encoder is { } ee ? ee.Name + "/" + ee.Version : "",
            ManifestSha256 = ManifestHash(directory),
            Batchable = batchable ?? false,
        };
        if (manifest.Phonemes?.Language is { Length: > 0 } language)
        {
            info.Languages.Add(language);
        }

        var speaker = manifest.Conditioning?.Speaker;
        if (speaker is not null)
        {
            info.PresetSpeakers.AddRange(speaker.Presets.Count > 0
                ? speaker.Presets.Keys.Order(StringComparer.Ordinal)
                : speaker.SpeakerIdMap.OrderBy(p => p.Value).Select(p => p.Key));
        }

        info.EmotionLabels.AddRange(manifest.Conditioning?.Emotion?.Labels ?? []);
        return info;
    }

    public void Dispose()
    {
        if (loaded.IsValueCreated)
        {
            loaded.Value.Bundle?.Dispose();
        }
    }

    private static string ManifestHash(string directory)
    {
        foreach (var name in new[] { ModelManifest.FileName, "voice.onnx.json" })
        {
            var path = Path.Join(directory, name);
            if (File.Exists(path))
            {
                return Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
            }
        }

        return "";
    }

    private Loaded Load(ILoggerFactory loggerFactory)
    {
        if (store is null)
        {
            return new Loaded(null, null, $"this synthesis server has no model store (Synthesis:ModelStoreRoot), so it cannot serve {options.ModelReference}.");
        }

        ModelBundle? bundle = null;
        try
        {
            bundle = store.Load(options.Model, options.ModelVersion, new ModelLoadOptions
            {
                SessionOptions = new OnnxSessionOptions { IntraOpThreads = options.IntraOpThreads, InterOpThreads = 1, EnableCpuMemArena = options.CpuMemoryArena },
                Environment = OnnxRuntimeEnvironment.GetOrCreate(loggerFactory: loggerFactory),
                OpenSessions = false,
            });
            return new Loaded(bundle, new OnnxVoiceModel(bundle), null);
        }
        catch (Exception ex) when (ex is ModelNotFoundException or ModelStoreException or ModelManifestException or NotSupportedException or IOException or KeyNotFoundException or OnnxRuntimeException or DllNotFoundException)
        {
            bundle?.Dispose();
            return new Loaded(null, null, $"{options.ModelReference} cannot be served: {ex.Message}");
        }
    }

    private sealed record Loaded(ModelBundle? Bundle, IVoiceModel? Model, string? Error);
}
