using System.Globalization;
using System.Text;

namespace VoiceFleet.Encoders.TextEmotion;

/// <summary>
/// The deterministic text-to-emotion baseline for Mandarin and English descriptions. It reads the text
/// left to right as a sequence of lexicon terms (Mandarin longest match first; English words, phrases and
/// prefixes), and lets each emotion cue add its weights per label, scaled by a preceding degree adverb
/// (有点 0.5, 非常 1.3) and turned to its opposite by a preceding negator (不开心 → sad, 不生气 → neutral).
/// Punctuation ends a clause (and any pending modifier). The first cue counts a little more (descriptions
/// lead with the main emotion: 又惊又喜 is surprise first). Several emotions give a mixture; the strength
/// comes from the intensity of the strongest cue of the winning label, damped by restraint phrases.
/// </summary>
internal sealed class LexiconTextEmotionAnalyzer : ITextEmotionAnalyzer
{
    private const float FirstCueBonus = 1.15f;
    private const float NeutralPrior = 0.15f;
    private const float EmotionPrior = 0.02f;
    private const float StrengthScale = 0.75f;
    private const int ModifierReach = 3;

    public string Engine => "lexicon";

    public TextEmotionResult Analyze(string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(description);
        var labels = EmotionLabels.BuiltIn;
        var scores = new float[labels.Count];
        var intensity = new float[labels.Count];
        var cues = new List<string>();
        var restraint = 1f;
        var pendingFactor = 1f;
        var pendingNegation = 0f;
        var reach = 0;
        var first = true;

        foreach (var token in Tokenize(description))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (token.Entry is null)
            {
                if (token.ClauseBreak || --reach < 0)
                {
                    pendingFactor = 1;
                    pendingNegation = 0;
                }

                continue;
            }

            var entry = token.Entry;
            switch (entry.Role)
            {
                case LexiconRole.Intensifier:
                    pendingFactor *= entry.Factor;
                    reach = ModifierReach;
                    break;
                case LexiconRole.Negator:
                    pendingNegation = entry.Factor;
                    reach = ModifierReach;
                    break;
                case LexiconRole.Restraint:
                    restraint = Math.Min(restraint, entry.Factor);
                    cues.Add(token.Text);
                    break;
                case LexiconRole.Cue:
                    var weights = entry.Weights;
                    var factor = pendingFactor;
                    if (pendingNegation > 0)
                    {
                        // "not very happy" is a weak unhappiness, not a strong one.
                        weights = Negate(weights);
                        factor = pendingFactor > 1 ? pendingNegation * 0.6f : pendingNegation * pendingFactor;
                    }

                    if (first)
                    {
                        factor *= FirstCueBonus;
                        first = false;
                    }

                    for (var i = 0; i < scores.Length; i++)
                    {
                        var value = weights[i] * factor;
                        scores[i] += value;
                        intensity[i] = Math.Max(intensity[i], value);
                    }

                    cues.Add(pendingNegation > 0 ? $"not {token.Text}" : token.Text);
                    pendingFactor = 1;
                    pendingNegation = 0;
                    break;
                default:
                    break; // absorbed: keeps modifiers pending, as a word between adverb and cue does
            }
        }

        var recognised = cues.Count > 0 && scores.Any(s => s > 0);
        var distribution = new float[labels.Count];
        var total = 0f;
        for (var i = 0; i < labels.Count; i++)
        {
            distribution[i] = scores[i] + (i == 0 ? NeutralPrior : EmotionPrior);
            total += distribution[i];
        }

        for (var i = 0; i < labels.Count; i++)
        {
            distribution[i] /= total;
        }

        var top = Embeddings.VectorMath.ArgMax(distribution);
        float strength;
        if (!recognised)
        {
            strength = 0;
        }
        else if (top == 0)
        {
            // Neutral wins: whatever emotion is also named stays faint.
            strength = Math.Clamp(1 - distribution[0], 0, 0.3f) * restraint;
        }
        else
        {
            strength = Math.Clamp(StrengthScale * intensity[top] * restraint, 0.05f, 1f);
        }

        return new TextEmotionResult(labels, distribution, MathF.Round(strength, 3), recognised, cues, Engine);
    }

    /// <summary>What a cue means negated: unhappy is sad; not sad, not angry, not afraid are calm; not calm is agitated.</summary>
    private static float[] Negate(float[] weights)
    {
        var negated = new float[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            var w = weights[i];
            switch (i)
            {
                case 0:
                    negated[3] += w * 0.4f;
                    negated[5] += w * 0.4f;
                    break;
                case 1:
                    negated[2] += w * 0.7f;
                    break;
                default:
                    negated[0] += w * 0.6f;
                    break;
            }
        }

        return negated;
    }

    private static IEnumerable<Token> Tokenize(string description)
    {
        var text = description.Normalize(NormalizationForm.FormKC).ToLowerInvariant().Replace("n't", " not", StringComparison.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsHan(c))
            {
                var match = MatchMandarin(text, i);
                if (match is { } found)
                {
                    yield return new Token(text.Substring(i, found.Length), found.Entry, false);
                    i += found.Length;
                }
                else
                {
                    yield return new Token(c.ToString(), null, false);
                    i++;
                }
            }
            else if (char.IsAsciiLetter(c))
            {
                var words = new List<string>();
                var end = i;
                while (end < text.Length && (char.IsAsciiLetter(text[end]) || text[end] is '-' or '\'' or ' '))
                {
                    end++;
                }

                // A run of Latin words (hyphens and apostrophes read as spaces); phrases may span it.
                foreach (var word in text[i..end].Split([' ', '-', '\''], StringSplitOptions.RemoveEmptyEntries))
                {
                    words.Add(word);
                }

                foreach (var token in EnglishTokens(words))
                {
                    yield return token;
                }

                i = end;
            }
            else
            {
                var isBreak = char.IsPunctuation(c) || char.IsSymbol(c) || c is '\n' or '\r';
                if (isBreak)
                {
                    yield return new Token(c.ToString(), null, true);
                }

                i++;
            }
        }
    }

    private static IEnumerable<Token> EnglishTokens(List<string> words)
    {
        var i = 0;
        while (i < words.Count)
        {
            var matched = false;
            for (var n = Math.Min(EmotionLexicon.MaxEnglishWords, words.Count - i); n >= 1 && !matched; n--)
            {
                var phrase = string.Join(' ', words.GetRange(i, n));
                if (EmotionLexicon.English.TryGetValue(phrase, out var entry))
                {
                    yield return new Token(phrase, entry, false);
                    i += n;
                    matched = true;
                }
            }

            if (matched)
            {
                continue;
            }

            var word = words[i];
            var prefix = EmotionLexicon.EnglishPrefixes.FirstOrDefault(p => word.StartsWith(p.Prefix, StringComparison.Ordinal));
            yield return new Token(word, prefix.Entry, false);
            i++;
        }
    }

    private static (int Length, LexiconEntry Entry)? MatchMandarin(string text, int start)
    {
        for (var length = Math.Min(EmotionLexicon.MaxMandarinLength, text.Length - start); length >= 1; length--)
        {
            if (EmotionLexicon.Mandarin.TryGetValue(text.Substring(start, length), out var entry))
            {
                return (length, entry);
            }
        }

        return null;
    }

    private static bool IsHan(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter && c >= '\u2E80';

    private readonly record struct Token(string Text, LexiconEntry? Entry, bool ClauseBreak);
}
