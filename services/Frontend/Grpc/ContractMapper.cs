using System.Globalization;
using VoiceFleet.Frontend.Analysis;
using VoiceFleet.Frontend.Models;
using VoiceFleet.Rpc;
using VoiceFleet.Text;
using VoiceFleet.Text.Analysis;
using VoiceFleet.Text.Documents;
using VoiceFleet.Text.Lexicons;
using V1 = VoiceFleet.Contracts.V1;

namespace VoiceFleet.Frontend.Grpc;

/// <summary>Between the contract's messages (voicefleet.v1) and the text library's types.</summary>
internal static class ContractMapper
{
    /// <summary>Most per-request lexicon entries (and entries per Put call).</summary>
    public const int MaxEntries = 1000;

    /// <summary>The library request for <paramref name="request"/>, with its lexicons resolved (the file-backed one last).</summary>
    public static AnalysisRequest ToRequest(V1.AnalyzeRequest request, FrontendRuntime runtime)
    {
        if (request.LexiconEntries.Count > MaxEntries)
        {
            throw new TextInputException("lexicon_entries", string.Create(CultureInfo.InvariantCulture, $"has {request.LexiconEntries.Count} entries; at most {MaxEntries}"));
        }

        var entries = request.LexiconEntries
            .Select((e, i) => EntryValidator.Validate(e.Word, e.Context, e.Phoneme, e.Language, string.Create(CultureInfo.InvariantCulture, $"lexicon_entries[{i}]"), runtime.IsLanguageSupported))
            .ToList();

        var lexicons = new List<PronunciationLexicon>();
        foreach (var name in request.Lexicons)
        {
            if (name != FileLexicon.Name && !LexiconStore.IsValidName(name))
            {
                throw new TextInputException("lexicons", $"'{name}' is not a lexicon name ([a-z0-9-]{{1,64}})");
            }

            lexicons.Add(runtime.LexiconStore.Get(name));
        }

        if (!request.Lexicons.Contains(FileLexicon.Name))
        {
            lexicons.Add(runtime.LexiconStore.File.Current);
        }

        return new AnalysisRequest
        {
            Text = request.InputCase == V1.AnalyzeRequest.InputOneofCase.Text ? request.Text : null,
            Ssml = request.InputCase == V1.AnalyzeRequest.InputOneofCase.Ssml ? request.Ssml : null,
            Phonemes = request.InputCase == V1.AnalyzeRequest.InputOneofCase.Phonemes
                ? new PhonemeInputSpec(ToAlphabet(request.Phonemes.Alphabet), request.Phonemes.Phonemes)
                : null,
            Language = request.Language,
            MaxSentenceChars = request.MaxSentenceChars,
            RequestEntries = entries,
            Lexicons = lexicons,
            Strict = request.Strict,
        };
    }

    /// <summary>The response for <paramref name="result"/>, with phoneme ids from <paramref name="model"/> when given.</summary>
    public static V1.AnalyzeResponse ToResponse(AnalysisResult result, ModelPhonemes? model, bool phonemeInput, bool strict)
    {
        var response = new V1.AnalyzeResponse { Language = result.Language };
        response.Warnings.AddRange(result.Warnings.Select(ToWarning));
        foreach (var sentence in result.Sentences)
        {
            var message = ToSentence(sentence);
            if (model is not null)
            {
                AddIds(message, sentence, model, phonemeInput, strict, response);
            }

            response.Sentences.Add(message);
        }

        return response;
    }

    private static void AddIds(V1.Sentence message, AnalyzedSentence sentence, ModelPhonemes model, bool phonemeInput, bool strict, V1.AnalyzeResponse response)
    {
        // An IPA model gets Mandarin syllables converted to IPA; the sentence then shows what its ids encode.
        var converted = string.Equals(model.Alphabet, "ipa", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(sentence.IpaPhonemes, sentence.Phonemes, StringComparison.Ordinal);
        if (converted)
        {
            message.Phonemes = sentence.IpaPhonemes;
            message.Alphabet = V1.PhonemeAlphabet.Ipa;
        }

        var alphabet = converted ? "ipa, converted from pinyin" : sentence.Alphabet == PhonemeAlphabet.Pinyin ? "pinyin" : "ipa";
        var encoding = model.Encoder.Encode(message.Phonemes);
        message.PhonemeIds.AddRange(encoding.Ids);
        if (encoding.IsComplete)
        {
            return;
        }

        var missing = string.Join(" ", encoding.MissingPhonemes.Take(20).Select(p => $"'{p}'"));
        var detail = string.Create(CultureInfo.InvariantCulture, $"sentence {sentence.Index}: {missing} not in the phoneme map of {model.Name}/{model.Version} (alphabet {model.Alphabet}; the sentence is {alphabet})");
        if (phonemeInput)
        {
            throw new RpcException(StatusCode.InvalidArgument, "phonemes.phonemes: unknown phonemes for the target model: " + detail);
        }

        if (strict)
        {
            throw new RpcException(StatusCode.InvalidArgument, "model_version: " + detail + " (strict request: no fallback)");
        }

        response.Warnings.Add(new V1.Warning { Code = WarningCodes.G2pFallback, Message = detail + "; they were skipped", Field = "model_version" });
    }

    private static V1.Sentence ToSentence(AnalyzedSentence sentence)
    {
        var message = new V1.Sentence
        {
            Index = sentence.Index,
            Original = sentence.Original,
            Text = sentence.Text,
            Language = sentence.Language,
            Phonemes = sentence.Phonemes,
            Alphabet = ToContract(sentence.Alphabet),
            BreakType = (V1.BreakType)(int)sentence.Break,
            PauseAfterSeconds = sentence.PauseAfterSeconds,
            Prosody = ToProsody(sentence.Prosody),
            Emotion = ToEmotion(sentence.Emotion),
        };
        message.Words.AddRange(sentence.Words.Select(ToWord));
        return message;
    }

    private static V1.Word ToWord(AnalyzedWord word)
    {
        var message = new V1.Word
        {
            Text = word.Text,
            Original = word.Original,
            SourceOffset = word.SourceOffset,
            SourceLength = word.SourceLength,
            Language = word.Language,
            Source = (V1.PronunciationSource)(int)word.Source,
            Punctuation = word.Punctuation,
            Emphasis = word.Emphasis,
            Prosody = ToProsody(word.Prosody),
            PauseAfterSeconds = word.PauseAfterSeconds,
        };
        message.Phonemes.AddRange(word.Phonemes);
        message.Syllables.AddRange(word.Syllables.Select(s => new V1.Syllable { Character = s.Character, Pinyin = s.Pinyin, Spoken = s.Spoken }));
        return message;
    }

    private static V1.Prosody? ToProsody(ProsodyMarks marks) =>
        marks.IsNone ? null : new V1.Prosody { Rate = marks.Rate, PitchSemitones = marks.PitchSemitones, VolumeDb = marks.VolumeDb };

    private static V1.EmotionSpec? ToEmotion(EmotionMark? mark)
    {
        if (mark is null)
        {
            return null;
        }

        var spec = mark.Label is not null ? new V1.EmotionSpec { Label = mark.Label } : new V1.EmotionSpec { Description = mark.Description ?? string.Empty };
        if (mark.Strength is { } strength)
        {
            spec.Strength = strength;
        }

        return spec;
    }

    /// <summary>A warning message.</summary>
    public static V1.Warning ToWarning(TextWarning warning) => new() { Code = warning.Code, Message = warning.Message, Field = warning.Field };

    /// <summary>A contract entry from a library entry.</summary>
    public static V1.LexiconEntry ToContract(PronunciationEntry entry) =>
        new() { Word = entry.Word, Context = entry.Context, Phoneme = entry.Phoneme, Language = entry.Language };

    private static V1.PhonemeAlphabet ToContract(PhonemeAlphabet alphabet) => alphabet switch
    {
        PhonemeAlphabet.Ipa => V1.PhonemeAlphabet.Ipa,
        PhonemeAlphabet.Pinyin => V1.PhonemeAlphabet.Pinyin,
        _ => V1.PhonemeAlphabet.Unspecified,
    };

    private static PhonemeAlphabet ToAlphabet(V1.PhonemeAlphabet alphabet) => alphabet switch
    {
        V1.PhonemeAlphabet.Ipa => PhonemeAlphabet.Ipa,
        V1.PhonemeAlphabet.Pinyin => PhonemeAlphabet.Pinyin,
        _ => PhonemeAlphabet.Unspecified,
    };
}
