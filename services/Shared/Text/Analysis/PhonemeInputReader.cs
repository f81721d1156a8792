using System.Globalization;
using System.Text;
using VoiceFleet.Text.Documents;
using VoiceFleet.Text.Input;
using VoiceFleet.Text.Lexicons;
using VoiceFleet.Text.Mandarin;

namespace VoiceFleet.Text.Analysis;

/// <summary>
/// Phoneme mode: the input is phonemes, read as written. Symbols are separated by spaces (IPA: each space-separated
/// group is a word; pinyin: each syllable is a word); a sentence mark (. ! ? 。！？) ends a sentence, other punctuation
/// (, ; : ，；：、) stays as a mark. Every symbol is checked: pinyin syllables against the Mandarin inventory (tone
/// numbers or marks, erhua <c>r</c> allowed), IPA against <see cref="IpaInventory"/>; the model's own alphabet is
/// checked by the caller when a model is named.
/// </summary>
internal static class PhonemeInputReader
{
    private const string Field = "phonemes.phonemes";

    /// <summary>The sentences of <paramref name="input"/>.</summary>
    public static List<AnalyzedSentence> Read(PhonemeInputSpec input, string language, int maxChars)
    {
        if (input.Alphabet == PhonemeAlphabet.Unspecified)
        {
            throw new TextInputException("phonemes.alphabet", "is not set; use ipa or pinyin");
        }

        InputValidator.Check(input.Phonemes, Field, maxChars);
        var text = input.Phonemes;
        var codePoints = InputValidator.CodePointIndex(text);
        var sentences = new List<AnalyzedSentence>();
        var words = new List<AnalyzedWord>();
        var phonemes = new StringBuilder();
        var ipa = new StringBuilder();
        var sentenceStart = -1;
        var sentenceEnd = 0;

        void Close(BreakKind kind)
        {
            if (words.Count == 0 || words.All(w => w.Punctuation))
            {
                return;
            }

            sentences.Add(new AnalyzedSentence
            {
                Index = sentences.Count,
                Original = text[sentenceStart..sentenceEnd],
                Text = phonemes.ToString(),
                Language = language,
                Words = [.. words],
                Phonemes = phonemes.ToString(),
                IpaPhonemes = ipa.ToString(),
                Alphabet = input.Alphabet,
                Break = kind,
                PauseAfterSeconds = kind == BreakKind.End ? 0 : Sentences.SentenceSplitter.SentencePause,
                Prosody = ProsodyMarks.None,
            });
            words.Clear();
            phonemes.Clear();
            ipa.Clear();
            sentenceStart = -1;
        }

        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            // Trailing marks are symbols of their own: "həlˈoʊ." is a word and a full stop.
            var end = i;
            while (end > start && IsMark(text[end - 1]))
            {
                end--;
            }

            if (end > start)
            {
                AddWord(start, end);
            }

            for (var m = end; m < i; m++)
            {
                AddMark(m);
                if (Scripts.IsSentenceFinal(text[m]))
                {
                    Close(BreakKind.Sentence);
                }
            }
        }

        Close(BreakKind.End);
        if (sentences.Count == 0)
        {
            throw new TextInputException(Field, "holds only punctuation; give phonemes to read");
        }

        if (sentences[^1].Break != BreakKind.End)
        {
            sentences[^1] = sentences[^1] with { Break = BreakKind.End, PauseAfterSeconds = 0 };
        }

        return sentences;

        void AddWord(int start, int end)
        {
            var symbol = text[start..end];
            sentenceStart = sentenceStart < 0 ? start : sentenceStart;
            sentenceEnd = end;
            IReadOnlyList<string> symbols;
            if (input.Alphabet == PhonemeAlphabet.Pinyin)
            {
                symbols = [ParsePinyin(symbol, start, text)];
            }
            else
            {
                if (IpaInventory.FirstUnknown(symbol) is { } unknown)
                {
                    var (line, column) = InputValidator.Position(text, start + unknown.Position);
                    throw new TextInputException(Field, $"{IpaInventory.Describe(unknown.Symbol)} is not an IPA symbol", line, column);
                }

                symbols = [.. symbol.EnumerateRunes().Select(r => r.ToString())];
            }

            if (phonemes.Length > 0)
            {
                phonemes.Append(' ');
                ipa.Append(' ');
            }

            phonemes.Append(input.Alphabet == PhonemeAlphabet.Pinyin ? symbols[0] : symbol);
            ipa.Append(input.Alphabet == PhonemeAlphabet.Pinyin ? PinyinIpa.Convert(symbols[0]) : symbol);
            words.Add(new AnalyzedWord
            {
                Text = symbol,
                Original = symbol,
                SourceOffset = codePoints[start],
                SourceLength = codePoints[end] - codePoints[start],
                Language = language,
                Phonemes = symbols,
                Source = PronunciationSource.Phoneme,
            });
        }

        void AddMark(int at)
        {
            var mark = text[at].ToString();
            sentenceStart = sentenceStart < 0 ? at : sentenceStart;
            sentenceEnd = at + 1;
            phonemes.Append(mark);
            ipa.Append(mark);
            words.Add(new AnalyzedWord
            {
                Text = mark,
                Original = mark,
                SourceOffset = codePoints[at],
                SourceLength = 1,
                Language = language,
                Phonemes = [],
                Punctuation = true,
            });
        }
    }

    /// <summary>One pinyin syllable (tone number or mark; an erhua <c>r</c> before the tone is kept).</summary>
    public static string ParsePinyin(string symbol, int position, string text)
    {
        if (Pinyin.TryParse(symbol, out var syllable))
        {
            return syllable;
        }

        var tone = symbol.Length > 0 && char.IsAsciiDigit(symbol[^1]) ? symbol[^1].ToString() : string.Empty;
        var body = symbol[..^tone.Length];
        if (body.Length > 1 && body[^1] == 'r' && Pinyin.TryParse(body[..^1] + tone, out var withoutR))
        {
            return Pinyin.BaseOf(withoutR) + "r" + Pinyin.ToneOf(withoutR).ToString(CultureInfo.InvariantCulture);
        }

        var (line, column) = InputValidator.Position(text, position);
        throw new TextInputException(Field, $"'{symbol}' is not a pinyin syllable (write e.g. zhong4 or zhòng; 5 or no tone is neutral)", line, column);
    }

    private static bool IsMark(char c) => Scripts.IsSentenceFinal(c) || Scripts.IsClausePunctuation(c);
}
