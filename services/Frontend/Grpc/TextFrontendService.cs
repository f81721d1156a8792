using System.Globalization;
using VoiceFleet.Contracts.V1;
using VoiceFleet.Frontend.Analysis;
using VoiceFleet.Frontend.Diagnostics;
using VoiceFleet.Frontend.Models;
using VoiceFleet.Rpc;
using VoiceFleet.Rpc.Server;
using VoiceFleet.Text;
using VoiceFleet.Text.Lexicons;

namespace VoiceFleet.Frontend.Grpc;

/// <summary>
/// The gRPC surface of the frontend service (voicefleet.v1.TextFrontend): Analyze (text, SSML or phonemes → sentences,
/// words, phonemes, ids) and the named override lexicons. Bad input answers INVALID_ARGUMENT; docs/contracts.md lists
/// every status.
/// </summary>
internal sealed class TextFrontendService(FrontendRuntime runtime, ModelPhonemeMaps models, ILogger<TextFrontendService> logger) : TextFrontendServiceBase
{
    /// <inheritdoc />
    public override Task<AnalyzeResponse> Analyze(AnalyzeRequest request, ServerCallContext context) =>
        FrontendErrors.GuardAsync(nameof(Analyze), logger, () => AnalyzeAsync(request, runtime, models, context.CancellationToken));

    /// <summary>The Analyze call, shared with the REST endpoint.</summary>
    internal static async Task<AnalyzeResponse> AnalyzeAsync(AnalyzeRequest request, FrontendRuntime runtime, ModelPhonemeMaps models, CancellationToken cancellationToken)
    {
        var analysis = ContractMapper.ToRequest(request, runtime);
        var model = request.ModelVersion.Length > 0 ? models.Get(request.ModelVersion) : null;
        var result = await runtime.Analyzer.AnalyzeAsync(analysis, cancellationToken).ConfigureAwait(false);
        return ContractMapper.ToResponse(result, model, analysis.Phonemes is not null, request.Strict);
    }

    /// <inheritdoc />
    public override Task<PutLexiconEntriesResponse> PutLexiconEntries(PutLexiconEntriesRequest request, ServerCallContext context) =>
        FrontendErrors.GuardAsync(nameof(PutLexiconEntries), logger, () =>
        {
            CheckName(request.Lexicon);
            if (request.Lexicon == FileLexicon.Name)
            {
                throw new LexiconReadOnlyException();
            }

            if (request.Entries.Count is 0 or > ContractMapper.MaxEntries)
            {
                throw new TextInputException("entries", string.Create(CultureInfo.InvariantCulture, $"has {request.Entries.Count} entries; give 1 to {ContractMapper.MaxEntries}"));
            }

            var entries = request.Entries
                .Select((e, i) => EntryValidator.Validate(e.Word, e.Context, e.Phoneme, e.Language, string.Create(CultureInfo.InvariantCulture, $"entries[{i}]"), runtime.IsLanguageSupported))
                .ToList();
            var lexicon = runtime.LexiconStore.Put(request.Lexicon, entries);
            FrontendLog.LexiconWritten(logger, request.Lexicon, entries.Count, lexicon.Revision);
            return Task.FromResult(new PutLexiconEntriesResponse { Upserted = entries.Count, Revision = lexicon.Revision });
        });

    /// <inheritdoc />
    public override Task<ListLexiconEntriesResponse> ListLexiconEntries(ListLexiconEntriesRequest request, ServerCallContext context) =>
        FrontendErrors.GuardAsync(nameof(ListLexiconEntries), logger, () =>
        {
            CheckName(request.Lexicon);
            if (request.PageSize is < 0 or > 1000)
            {
                throw new TextInputException("page_size", string.Create(CultureInfo.InvariantCulture, $"is {request.PageSize}; give 0 (100) to 1000"));
            }

            var offset = PageToken.Decode(request.PageToken);
            var size = request.PageSize == 0 ? 100 : request.PageSize;
            var lexicon = runtime.LexiconStore.Get(request.Lexicon);
            var language = request.Language.Trim().ToLowerInvariant();
            var matching = lexicon.Entries
                .Where(e => language.Length == 0 || e.Language == language || (EntryValidator.IsMandarin(language) && e.Language == "zh") || e.Language.StartsWith(language + "-", StringComparison.Ordinal))
                .ToList();
            var response = new ListLexiconEntriesResponse
            {
                Revision = lexicon.Revision,
                NextPageToken = offset + size < matching.Count ? PageToken.Encode(offset + size) : string.Empty,
            };
            response.Entries.AddRange(matching.Skip(offset).Take(size).Select(ContractMapper.ToContract));
            return Task.FromResult(response);
        });

    /// <inheritdoc />
    public override Task<DeleteLexiconEntriesResponse> DeleteLexiconEntries(DeleteLexiconEntriesRequest request, ServerCallContext context) =>
        FrontendErrors.GuardAsync(nameof(DeleteLexiconEntries), logger, () =>
        {
            CheckName(request.Lexicon);
            if (request.Entries.Count > ContractMapper.MaxEntries)
            {
                throw new TextInputException("entries", string.Create(CultureInfo.InvariantCulture, $"has {request.Entries.Count} entries; at most {ContractMapper.MaxEntries}"));
            }

            var keys = request.Entries.Select((e, i) => string.IsNullOrWhiteSpace(e.Word)
                ? throw new TextInputException(string.Create(CultureInfo.InvariantCulture, $"entries[{i}].word"), "is empty")
                : (e.Word.Trim(), e.Context.Trim())).ToList();
            var lexicon = runtime.LexiconStore.Delete(request.Lexicon, keys, out var removed);
            FrontendLog.LexiconDeleted(logger, request.Lexicon, removed, lexicon.Revision);
            return Task.FromResult(new DeleteLexiconEntriesResponse { Deleted = removed, Revision = lexicon.Revision });
        });

    private static void CheckName(string name)
    {
        if (name != FileLexicon.Name && !LexiconStore.IsValidName(name))
        {
            throw new TextInputException("lexicon", $"'{name}' is not a lexicon name: 1 to 64 of a-z, 0-9 and '-'");
        }
    }
}
