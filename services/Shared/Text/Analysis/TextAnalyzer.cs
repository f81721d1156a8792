using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VoiceFleet.Text.Documents;
using VoiceFleet.Text.Espeak;
using VoiceFleet.Text.Input;
using VoiceFleet.Text.Lexicons;
using VoiceFleet.Text.Mandarin;
using VoiceFleet.Text.Normalization;
using VoiceFleet.Text.Sentences;
using VoiceFleet.Text.Ssml;

namespace VoiceFleet.Text.Analysis;

/// <summary>
/// The text frontend end to end: input checks, plain text or SSML, per-span language, normalization, sentence split,
/// then G2P (the Mandarin lexicon for Han, espeak-ng in-process for other languages) with pronunciation overrides.
/// Thread-safe; espeak-ng calls are serialised inside <see cref="EspeakEngine"/>.
/// </summary>
public sealed partial class TextAnalyzer
{
    private readonly MandarinG2p mandarin;
    private readonly EspeakEngine? espeak;
    private readonly TextAnalyzerOptions options;
    private readonly ILogger logger;

    /// <summary>Creates an analyzer.</summary>
    /// <param name="mandarin">The Mandarin G2P.</param>
    /// <param name="espeak">espeak-ng, or null (then non-Mandarin words are skipped with a warning).</param>
    /// <param name="options">Limits and defaults.</param>
    /// <param name="logger">Logs fallbacks.</param>
    public TextAnalyzer(MandarinG2p mandarin, EspeakEngine? espeak, TextAnalyzerOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(mandarin);
        this.mandarin = mandarin;
        this.espeak = espeak;
        this.options = options ?? new TextAnalyzerOptions();
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The limits in force.</summary>
    public InputLimits Limits => options.Limits;

    /// <summary>The English voice for letters outside any language hint.</summary>
    private string EnglishVoice => espeak?.Options.EnglishVoice ?? "en-us";

    /// <summary>
    /// The language code a request may name: "zh" for Mandarin (zh, zh-CN, cmn, …), else the espeak-ng voice
    /// (en → en-us); null when empty.
    /// </summary>
    /// <exception cref="TextInputException">No voice speaks it.</exception>
    public string? ResolveLanguage(string? language, string field = "language")
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return null;
        }

        if (EntryValidator.IsMandarin(language))
        {
            return "zh";
        }

        if (espeak is not null && espeak.TryResolveLanguage(language, out var voice))
        {
            return voice;
        }

        throw new TextInputException(field, $"'{language}' is not a supported language: use zh (Mandarin) or a language espeak-ng speaks (en, en-us, en-gb, de, fr, es, …)");
    }

    /// <summary>Analyzes one request.</summary>
    /// <exception cref="TextInputException">The input is invalid (INVALID_ARGUMENT).</exception>
    /// <exception cref="EspeakBusyException">espeak-ng's queue is full (RESOURCE_EXHAUSTED).</exception>
    public async Task<AnalysisResult> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var given = (request.Text is not null ? 1 : 0) + (request.Ssml is not null ? 1 : 0) + (request.Phonemes is not null ? 1 : 0);
        if (given != 1)
        {
            throw new TextInputException("input", given == 0 ? "is missing: give text, ssml or phonemes" : "give only one of text, ssml or phonemes");
        }

        if (request.MaxSentenceChars < 0)
        {
            throw new TextInputException("max_sentence_chars", "may not be negative");
        }

        var hint = ResolveLanguage(request.Language);
        var otherLanguage = hint is not null && hint != "zh" ? hint : EnglishVoice;
        var maxSentence = request.MaxSentenceChars > 0 ? request.MaxSentenceChars : options.Limits.MaxSentenceChars;

        if (request.Phonemes is { } phonemeInput)
        {
            var language = hint ?? (phonemeInput.Alphabet == PhonemeAlphabet.Pinyin ? "zh" : otherLanguage);
            var sentences = PhonemeInputReader.Read(phonemeInput, language, options.Limits.MaxInputChars);
            return new AnalysisResult(sentences, language, []);
        }

        TextDocument document;
        if (request.Text is { } text)
        {
            InputValidator.Check(text, "text", options.Limits.MaxInputChars);
            document = PlainTextReader.Read(text);
        }
        else
        {
            var ssml = request.Ssml!;
            InputValidator.Check(ssml, "ssml", options.Limits.MaxInputChars * options.Limits.SsmlMarkupFactor);
            document = SsmlParser.Parse(ssml, options.Limits.MaxInputChars);
        }

        var context = new NormalizationContext(request.Strict, document.Field);
        var defaultLanguage = hint ?? (document.Input.Any(Scripts.IsHan) ? "zh" : document.Input.Any(char.IsAsciiLetter) ? otherLanguage : ResolveLanguage(options.DefaultLanguage) ?? "zh");
        var items = new List<object>();
        foreach (var node in document.Nodes)
        {
            if (node is DocumentText span)
            {
                items.AddRange(Tokens(span, document, otherLanguage, defaultLanguage, context));
            }
            else
            {
                items.Add(node);
            }
        }

        var drafts = SentenceSplitter.Split(items, maxSentence);
        if (drafts.Count == 0)
        {
            throw new TextInputException(document.Field, "has nothing to read: only punctuation, symbols or markup");
        }

        var overrides = new Overrides(request);
        var codePoints = InputValidator.CodePointIndex(document.Input);
        var result = new List<AnalyzedSentence>(drafts.Count);
        foreach (var draft in drafts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(await BuildSentenceAsync(result.Count, draft, document, codePoints, overrides, context, cancellationToken).ConfigureAwait(false));
        }

        foreach (var warning in context.Warnings)
        {
            Log.Fallback(logger, warning.Code, warning.Message);
        }

        return new AnalysisResult(result, Dominant(result.SelectMany(s => s.Words)), context.Warnings);
    }

    private List<Token> Tokens(DocumentText span, TextDocument document, string otherLanguage, string defaultLanguage, NormalizationContext context)
    {
        var spanHint = span.Style.Language is { } lang ? ResolveLanguage(lang, document.Field + " xml:lang") : null;
        var spanOther = spanHint is not null && spanHint != "zh" ? spanHint : otherLanguage;
        var spanDefault = spanHint ?? defaultLanguage;

        if (span.Phonemes is { } given)
        {
            return [PhonemeToken(span, given, spanHint, spanOther, document)];
        }

        var content = TextCleaner.Clean(span.Content, context);
        if (span.Style.SayAs is { } sayAs)
        {
            var readMandarin = spanHint == "zh" || (spanHint is null && (content.Text.Any(Scripts.IsHan) || spanDefault == "zh"));
            content = SayAsReader.Read(content, sayAs, readMandarin, context);
        }

        var readings = span.InlineReadings?.ToDictionary(p => p.Key, p => new ForcedReading(p.Value, PronunciationSource.Inline));
        var tokens = new List<Token>();
        foreach (var run in LanguageRuns.Split(content, spanOther, spanDefault))
        {
            var normalized = run.Language == "zh" ? ZhNormalizer.Normalize(run.Text, context)
                : run.Language.StartsWith("en", StringComparison.Ordinal) ? EnNormalizer.Normalize(run.Text, context)
                : run.Text;
            tokens.AddRange(Tokenizer.Tokenize(normalized, run.Language, spanOther, span.Style, readings));
        }

        return tokens;
    }

    private static Token PhonemeToken(DocumentText span, PhonemeOverride given, string? spanHint, string spanOther, TextDocument document)
    {
        var content = span.Content;
        var parts = given.Phonemes.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (given.Alphabet == PhonemeAlphabet.Pinyin)
        {
            var syllables = new List<string>();
            foreach (var part in parts)
            {
                if (!Pinyin.TryParse(part, out var syllable))
                {
                    throw new TextInputException(document.Field, $"<phoneme ph=\"{given.Phonemes}\">: '{part}' is not a pinyin syllable", given.Line, given.Column);
                }

                syllables.Add(syllable);
            }

            var trimmed = content.Text.Trim();
            if (trimmed.All(Scripts.IsHan))
            {
                if (syllables.Count != trimmed.Length)
                {
                    throw new TextInputException(document.Field, $"<phoneme ph=\"{given.Phonemes}\">: {syllables.Count} syllables for the {trimmed.Length} characters of '{trimmed}'", given.Line, given.Column);
                }

                var start = content.Text.IndexOf(trimmed, StringComparison.Ordinal);
                var slice = content.Slice(start, trimmed.Length);
                return new Token(TokenKind.Han, slice, "zh", span.Style)
                {
                    Readings = [.. syllables.Select(s => (ForcedReading?)new ForcedReading(s, PronunciationSource.Phoneme))],
                };
            }

            return new Token(TokenKind.Phonemes, content, "zh", span.Style) { Phonemes = given with { Phonemes = string.Join(' ', syllables) } };
        }

        if (IpaInventory.FirstUnknown(given.Phonemes) is { } unknown)
        {
            throw new TextInputException(document.Field, $"<phoneme ph=\"{given.Phonemes}\">: {IpaInventory.Describe(unknown.Symbol)} is not an IPA symbol", given.Line, given.Column);
        }

        var language = spanHint ?? (content.Text.Any(Scripts.IsHan) ? "zh" : spanOther);
        return new Token(TokenKind.Phonemes, content, language, span.Style) { Phonemes = given with { Phonemes = string.Join(' ', parts) } };
    }

    private async Task<AnalyzedSentence> BuildSentenceAsync(int index, SentenceDraft draft, TextDocument document, int[] codePoints, Overrides overrides, NormalizationContext context, CancellationToken cancellationToken)
    {
        var tokens = draft.Tokens;
        var words = new List<AnalyzedWord>();
        var phonemes = new StringBuilder();
        var ipa = new StringBuilder();

        // ipaPiece: the piece in IPA when it is pinyin (Mandarin syllables), else null.
        void AddPiece(string piece, bool punctuation, string? ipaPiece = null)
        {
            if (piece.Length == 0)
            {
                return;
            }

            if (!punctuation && phonemes.Length > 0)
            {
                phonemes.Append(' ');
                ipa.Append(' ');
            }

            phonemes.Append(piece);
            ipa.Append(ipaPiece ?? piece);
        }

        AnalyzedWord Word(Token token, string text, SourceRange range, string language, IReadOnlyList<string> symbols, PronunciationSource source, double pause) => new()
        {
            Text = text,
            Original = Original(document, range),
            SourceOffset = codePoints[Math.Clamp(range.Start, 0, codePoints.Length - 1)],
            SourceLength = codePoints[Math.Clamp(range.End, 0, codePoints.Length - 1)] - codePoints[Math.Clamp(range.Start, 0, codePoints.Length - 1)],
            Language = language,
            Phonemes = symbols,
            Source = source,
            Emphasis = token.Style.Emphasis,
            Prosody = token.Style.Prosody,
            PauseAfterSeconds = pause,
        };

        var i = 0;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case TokenKind.Han:
                    var hanWords = mandarin.ConvertRun(token.Text.Text, token.Readings, token.Text.Flags, overrides.Mandarin);
                    for (var w = 0; w < hanWords.Count; w++)
                    {
                        var hanWord = hanWords[w];
                        foreach (var unknown in hanWord.Syllables.Where(s => s.Pinyin.Length == 0))
                        {
                            context.Fallback(WarningCodes.G2pFallback, $"the character '{unknown.Character}' has no Mandarin reading in the lexicon and was skipped");
                        }

                        var syllables = hanWord.SpokenSyllables.ToList();
                        AddPiece(string.Join(' ', syllables), false, PinyinIpa.Convert(syllables));
                        var word = Word(token, hanWord.Text, token.Text.Range(hanWord.Start, hanWord.Text.Length), "zh", syllables, hanWord.Source, w == hanWords.Count - 1 ? token.PauseAfter : 0);
                        words.Add(word with { Syllables = hanWord.Syllables });
                    }

                    i++;
                    break;
                case TokenKind.Word:
                    var end = i;
                    while (end < tokens.Count && tokens[end].Kind == TokenKind.Word && tokens[end].Language == token.Language)
                    {
                        end++;
                    }

                    var run = tokens.GetRange(i, end - i);
                    var (perToken, pieces) = await new EnglishPhonemizer(espeak, context).PhonemizeAsync(run, token.Language, overrides.Other, cancellationToken).ConfigureAwait(false);
                    foreach (var piece in pieces)
                    {
                        AddPiece(piece, false);
                    }

                    for (var k = 0; k < run.Count; k++)
                    {
                        var symbols = perToken[k].Phonemes.EnumerateRunes().Select(r => r.ToString()).ToList();
                        words.Add(Word(run[k], run[k].Text.Text, run[k].Text.Range(), run[k].Language, symbols, perToken[k].Source, run[k].PauseAfter));
                    }

                    i = end;
                    break;
                case TokenKind.Punctuation:
                    AddPiece(token.Text.Text, true);
                    words.Add(Word(token, token.Text.Text, token.Text.Range(), token.Language, [], PronunciationSource.Unspecified, token.PauseAfter) with { Punctuation = true });
                    i++;
                    break;
                default:
                    var given = token.Phonemes!;
                    var givenSymbols = given.Alphabet == PhonemeAlphabet.Pinyin
                        ? given.Phonemes.Split(' ').ToList()
                        : given.Phonemes.EnumerateRunes().Select(r => r.ToString()).ToList();
                    AddPiece(given.Phonemes, false, given.Alphabet == PhonemeAlphabet.Pinyin ? PinyinIpa.Convert(givenSymbols) : null);
                    words.Add(Word(token, token.Text.Text.Trim(), token.Text.Range(), token.Language, givenSymbols, PronunciationSource.Phoneme, token.PauseAfter));
                    i++;
                    break;
            }
        }

        var spoken = words.Where(w => !w.Punctuation).ToList();
        var language = Dominant(spoken);
        var prosody = spoken.Count > 0 && spoken.All(w => w.Prosody == spoken[0].Prosody) ? spoken[0].Prosody : ProsodyMarks.None;
        var range = tokens.Select(t => t.Text.Range()).Aggregate((a, b) => a.Union(b));
        return new AnalyzedSentence
        {
            Index = index,
            Original = Original(document, range),
            Text = NormalizedText(tokens),
            Language = language,
            Words = words,
            Phonemes = phonemes.ToString(),
            IpaPhonemes = ipa.ToString(),
            Alphabet = language == "zh" ? PhonemeAlphabet.Pinyin : PhonemeAlphabet.Ipa,
            Break = draft.Break,
            PauseAfterSeconds = draft.PauseSeconds,
            Prosody = prosody,
            Emotion = tokens.Select(t => t.Style.Emotion).FirstOrDefault(e => e is not null),
        };
    }

    private static string NormalizedText(List<Token> tokens)
    {
        var builder = new StringBuilder();
        Token? previous = null;
        foreach (var token in tokens)
        {
            // Spaces around words of space-separated languages; none before Mandarin after a mark.
            var afterWideMark = previous?.Kind == TokenKind.Punctuation && previous.Text.Text.Any(c => c >= 0x2E80);
            var spaced = token.Kind != TokenKind.Punctuation && builder.Length > 0 && !afterWideMark
                && (token.Language != "zh" || (previous is not null && previous.Language != "zh" && previous.Kind != TokenKind.Punctuation));
            if (spaced)
            {
                builder.Append(' ');
            }

            builder.Append(token.Kind == TokenKind.Phonemes ? token.Text.Text.Trim() : token.Text.Text);
            previous = token;
        }

        return builder.ToString();
    }

    private static string Original(TextDocument document, SourceRange range)
    {
        var start = Math.Clamp(range.Start, 0, document.Input.Length);
        var end = Math.Clamp(range.End, start, document.Input.Length);
        var raw = document.Input[start..end];
        return document.Field == "ssml" ? WebUtility.HtmlDecode(Markup().Replace(raw, string.Empty)).Trim() : raw.Trim();
    }

    private static string Dominant(IEnumerable<AnalyzedWord> words)
    {
        // Weighed in syllables, roughly: a Han character is one, a word of a space-separated language about one and a half.
        var weights = words.Where(w => !w.Punctuation).GroupBy(w => w.Language)
            .Select(g => (Language: g.Key, Weight: g.Sum(w => w.Language == "zh" ? w.Text.Length : 1.5)))
            .ToList();
        return weights.Count == 0 ? "zh" : weights.OrderByDescending(w => w.Weight).First().Language;
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Markup();

    /// <summary>The request's overrides in precedence order, split by language.</summary>
    private sealed class Overrides
    {
        public Overrides(AnalysisRequest request)
        {
            var requestLexicon = new PronunciationLexicon("request", request.RequestEntries, 0);
            var mandarin = new List<MandarinOverride>(requestLexicon.MandarinOverrides(PronunciationSource.Request));
            var other = new List<(IReadOnlyList<PronunciationEntry>, PronunciationSource)> { (requestLexicon.Entries.Where(e => e.Language != "zh").ToList(), PronunciationSource.Request) };
            foreach (var lexicon in request.Lexicons)
            {
                mandarin.AddRange(lexicon.MandarinOverrides(PronunciationSource.Override));
                other.Add((lexicon.Entries.Where(e => e.Language != "zh").ToList(), PronunciationSource.Override));
            }

            Mandarin = mandarin;
            Other = other;
        }

        public IReadOnlyList<MandarinOverride> Mandarin { get; }

        public IReadOnlyList<(IReadOnlyList<PronunciationEntry> Entries, PronunciationSource Source)> Other { get; }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Fallback {Code}: {Detail}")]
        public static partial void Fallback(ILogger logger, string code, string detail);
    }
}
