using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VoiceFleet.Frontend.Configuration;
using VoiceFleet.Models.Manifest;
using VoiceFleet.Models.Phonemes;
using VoiceFleet.Models.Store;
using VoiceFleet.Rpc;

namespace VoiceFleet.Frontend.Models;

/// <summary>
/// Finds a model version's phoneme map in the model store (<c>Frontend:ModelStoreRoot</c>) from a request's
/// <c>model_version</c>: <c>name/version</c>, or a bare version when exactly one model has it. Bundles are immutable,
/// so each map is read once (manifest only, nothing hashed).
/// </summary>
internal sealed class ModelPhonemeMaps(IOptions<FrontendOptions> options)
{
    private readonly ConcurrentDictionary<(string, string), ModelPhonemes> cache = new();
    private readonly string root = options.Value.ModelStoreRoot;

    /// <summary>The phonemes of <paramref name="modelVersion"/>.</summary>
    /// <exception cref="RpcException">NOT_FOUND (no store, unknown model or version), INVALID_ARGUMENT (ambiguous or malformed name, a model without a phoneme map).</exception>
    public ModelPhonemes Get(string modelVersion)
    {
        if (root.Length == 0)
        {
            throw new RpcException(StatusCode.NotFound, $"model_version: '{modelVersion}' cannot be looked up: this frontend has no model store (Frontend:ModelStoreRoot)");
        }

        var store = new ModelStore(new ModelStoreOptions { Root = root });
        var (name, version) = Split(store, modelVersion);
        return cache.GetOrAdd((name, version), key =>
        {
            ModelManifest manifest;
            try
            {
                manifest = store.Describe(key.Item1, key.Item2);
            }
            catch (ModelNotFoundException ex)
            {
                throw new RpcException(StatusCode.NotFound, "model_version: " + ex.Message);
            }
            catch (Exception ex) when (ex is ModelStoreException or ModelManifestException)
            {
                throw new RpcException(StatusCode.InvalidArgument, $"model_version: '{modelVersion}' cannot be used: {ex.Message}");
            }

            var phonemes = manifest.Phonemes
                ?? throw new RpcException(StatusCode.InvalidArgument, $"model_version: '{key.Item1}/{key.Item2}' is a {manifest.Kind} model without a phoneme map");
            return new ModelPhonemes(key.Item1, key.Item2, phonemes.Alphabet, new PhonemeIdEncoder(phonemes));
        });
    }

    private static (string Name, string Version) Split(ModelStore store, string modelVersion)
    {
        var slash = modelVersion.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var name = modelVersion[..slash];
            var version = modelVersion[(slash + 1)..];
            if (!ModelNames.IsValid(name) || !ModelNames.IsValid(version))
            {
                throw new RpcException(StatusCode.InvalidArgument, $"model_version: '{modelVersion}' is not '<model>/<version>' (names of a-z 0-9 . _ -)");
            }

            return (name, version);
        }

        if (!ModelNames.IsValid(modelVersion))
        {
            throw new RpcException(StatusCode.InvalidArgument, $"model_version: '{modelVersion}' is not a version name (a-z 0-9 . _ -) or '<model>/<version>'");
        }

        var owners = store.ListModels().Where(model => store.ListVersions(model).Contains(modelVersion)).ToList();
        return owners.Count switch
        {
            1 => (owners[0], modelVersion),
            0 => throw new RpcException(StatusCode.NotFound, $"model_version: no model in the store has a version '{modelVersion}'"),
            _ => throw new RpcException(StatusCode.InvalidArgument, $"model_version: '{modelVersion}' exists for several models; name one: {string.Join(", ", owners.Select(o => o + "/" + modelVersion))}"),
        };
    }
}
