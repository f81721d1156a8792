using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VoiceFleet.Encoders.Configuration;
using VoiceFleet.Encoders.Diagnostics;
using VoiceFleet.Models.Bundles;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Store;
using VoiceFleet.Onnx.Runtime;

namespace VoiceFleet.Encoders.Embeddings;

/// <summary>
/// The encoder bundles of the configured model store, loaded on first use (or at start for the defaults)
/// and kept for the life of the service. A request names an encoder as <c>model/version</c>; empty means
/// the configured default. Unknown names are NOT_FOUND, a store that is not configured FAILED_PRECONDITION.
/// </summary>
internal sealed class EncoderCatalog : IDisposable
{
    private readonly EncodersOptions _options;
    private readonly ModelStore? _store;
    private readonly ConcurrentDictionary<string, Lazy<LoadedEncoder>> _loaded = new(StringComparer.Ordinal);
    private readonly ModelLoadOptions _loadOptions;

    public EncoderCatalog(IOptions<EncodersOptions> options, ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _store = string.IsNullOrWhiteSpace(_options.ModelStoreRoot) ? null : new ModelStore(new ModelStoreOptions { Root = _options.ModelStoreRoot });
        _loadOptions = new ModelLoadOptions
        {
            SessionOptions = new OnnxSessionOptions { IntraOpThreads = _options.IntraOpThreads, InterOpThreads = 1 },
            Environment = _store is null ? null : OnnxRuntimeEnvironment.GetOrCreate(loggerFactory: loggerFactory),
        };
    }

    public string DefaultSpeaker => _options.SpeakerEncoder;

    public string DefaultEmotion => _options.EmotionEncoder;

    /// <summary>The speaker encoder named by <paramref name="version"/> (empty: the default).</summary>
    public LoadedEncoder Speaker(string? version, string field = "encoder_version") =>
        Get(string.IsNullOrEmpty(version) ? _options.SpeakerEncoder : version, ModelKind.SpeakerEncoder, field);

    /// <summary>The emotion encoder named by <paramref name="version"/> (empty: the default).</summary>
    public LoadedEncoder Emotion(string? version, string field = "encoder_version") =>
        Get(string.IsNullOrEmpty(version) ? _options.EmotionEncoder : version, ModelKind.EmotionEncoder, field);

    /// <summary>Loads the default encoders now (start-up), so the first request does not pay for it.</summary>
    public void Preload()
    {
        if (_store is not null)
        {
            _ = Speaker(null);
            _ = Emotion(null);
        }
    }

    private LoadedEncoder Get(string version, ModelKind kind, string field)
    {
        if (_store is null)
        {
            throw Errors.FailedPrecondition("no encoder models: Encoders:ModelStoreRoot is not configured on this server.");
        }

        if (!EncoderVersion.TryParse(version, out var parsed))
        {
            throw Errors.InvalidArgument(field, $"'{version}' is not '<model>/<version>' (names of a-z 0-9 . _ -).");
        }

        var lazy = _loaded.GetOrAdd(parsed.ToString(), key => new Lazy<LoadedEncoder>(() => Load(parsed), LazyThreadSafetyMode.ExecutionAndPublication));
        LoadedEncoder encoder;
        try
        {
            encoder = lazy.Value;
        }
        catch (ModelNotFoundException ex)
        {
            _loaded.TryRemove(parsed.ToString(), out _);
            throw Errors.NotFound($"{field}: unknown encoder '{parsed}': {ex.Message}");
        }
        catch (Exception ex) when (ex is ModelManifestException or ModelStoreException or IOException or NotSupportedException or InvalidOperationException)
        {
            _loaded.TryRemove(parsed.ToString(), out _);
            throw Errors.FailedPrecondition($"encoder '{parsed}' cannot be loaded: {ex.Message}");
        }

        if (encoder.Kind != kind)
        {
            throw Errors.InvalidArgument(field, $"'{parsed}' is a {encoder.Kind} bundle; a {kind} is needed here.");
        }

        return encoder;
    }

    private LoadedEncoder Load(EncoderVersion version)
    {
        var bundle = _store!.Load(version.Model, version.Version, _loadOptions);
        try
        {
            return new LoadedEncoder(bundle);
        }
        catch
        {
            bundle.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var lazy in _loaded.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }
    }
}
