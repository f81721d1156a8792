using VoiceFleet.Text.Documents;

namespace VoiceFleet.Text.Mandarin;

/// <summary>
/// Turns dictionary readings into spoken ones over a run of words: 一 and 不 sandhi (where the lexicon did not already
/// give the word's spoken form), erhua (儿 merges into the syllable before: 一点儿 → yi4 dianr3), and third-tone sandhi
/// (a third tone before another becomes second: inside a word, and across a word boundary when one of the two words
/// is a single syllable: 你好 → ni2 hao3, 我很好 → wo3 hen2 hao3). Fixed readings are spoken as given.
/// </summary>
internal static class ToneSandhi
{
    private const string DigitChars = "零〇一二三四五六七八九十";
    private const string BigUnits = "百千万亿";
    private const string ErhuaAfter = "这那哪点会玩块边事样空片份条张个儿";

    /// <summary>Fills <see cref="WordSlot.Spoken"/> of every word.</summary>
    /// <param name="words">The words of one Han run, readings settled.</param>
    /// <param name="text">The run's characters.</param>
    /// <param name="flags">Per character: whether number normalization wrote it (may be null).</param>
    public static void Apply(List<WordSlot> words, string text, IReadOnlyList<CharFlags>? flags)
    {
        // Flatten to syllables with their word index.
        var count = text.Length;
        var spoken = new string?[count];
        var fixedChar = new bool[count];
        var wordOf = new int[count];
        var dictionary = new string?[count];
        for (var w = 0; w < words.Count; w++)
        {
            var word = words[w];
            for (var k = 0; k < word.Length; k++)
            {
                spoken[word.Start + k] = word.Readings[k];
                dictionary[word.Start + k] = word.Readings[k];
                fixedChar[word.Start + k] = word.Fixed[k];
                wordOf[word.Start + k] = w;
            }
        }

        for (var i = 0; i < count; i++)
        {
            if (fixedChar[i] || spoken[i] is null)
            {
                continue;
            }

            var flag = flags is not null && i < flags.Count ? flags[i] : CharFlags.None;
            var standalone = words[wordOf[i]].Length == 1;
            if (text[i] == '一')
            {
                spoken[i] = Yi(text, dictionary, i, flag, standalone, spoken[i]!);
            }
            else if (text[i] == '不' && standalone)
            {
                spoken[i] = Bu(text, dictionary, i);
            }
        }

        Erhua(words, text, spoken, fixedChar, wordOf);
        ThirdTone(words, spoken, fixedChar);

        foreach (var word in words)
        {
            for (var k = 0; k < word.Length; k++)
            {
                word.Spoken[k] = spoken[word.Start + k];
            }
        }
    }

    private static string Yi(string text, string?[] dictionary, int i, CharFlags flag, bool standalone, string current)
    {
        var previous = i > 0 ? text[i - 1] : '\0';
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        var nextTone = i + 1 < text.Length && dictionary[i + 1] is { } n ? Pinyin.ToneOf(n) : 0;
        if ((flag & CharFlags.Digits) != 0)
        {
            return "yi1"; // 二零二一, telephone digits
        }

        if ((flag & CharFlags.Numeric) != 0)
        {
            // In numbers 一 keeps its tone except before 百, 千, 万, 亿 and measure words: 一百 yì, 十一 yī, 一个 yí.
            if (DigitChars.Contains(previous, StringComparison.Ordinal) || previous == '第' || next == '\0' || DigitChars.Contains(next, StringComparison.Ordinal) || next == '点')
            {
                return "yi1";
            }

            return nextTone == 4 || nextTone == 5 ? "yi2" : "yi4";
        }

        if (!standalone)
        {
            return current; // the lexicon's spoken form of the word (一个 yí gè, 第一 dì yī)
        }

        if (previous != '\0' && previous == next)
        {
            return "yi5"; // 看一看
        }

        if (previous == '第' || next == '\0' || DigitChars.Contains(next, StringComparison.Ordinal) || DigitChars.Contains(previous, StringComparison.Ordinal))
        {
            return "yi1";
        }

        return nextTone switch
        {
            4 or 5 => "yi2",
            0 => "yi1",
            _ => "yi4",
        };
    }

    private static string Bu(string text, string?[] dictionary, int i)
    {
        var previous = i > 0 ? text[i - 1] : '\0';
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        if (previous != '\0' && previous == next)
        {
            return "bu5"; // 好不好, 是不是
        }

        var nextTone = i + 1 < text.Length && dictionary[i + 1] is { } n ? Pinyin.ToneOf(n) : 0;
        return nextTone == 4 ? "bu2" : "bu4";
    }

    private static void Erhua(List<WordSlot> words, string text, string?[] spoken, bool[] fixedChar, int[] wordOf)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] != '儿' || fixedChar[i] || fixedChar[i - 1] || spoken[i] is null || spoken[i - 1] is not { Length: > 0 } before || Pinyin.BaseOf(before) == "er")
            {
                continue;
            }

            var sameWord = wordOf[i] == wordOf[i - 1];
            var suffix = sameWord ? Pinyin.ToneOf(spoken[i]!) == 5 : words[wordOf[i]].Length == 1 && ErhuaAfter.Contains(text[i - 1], StringComparison.Ordinal);
            if (!suffix)
            {
                continue;
            }

            spoken[i - 1] = Pinyin.BaseOf(before) + "r" + Pinyin.ToneOf(before).ToString(System.Globalization.CultureInfo.InvariantCulture);
            spoken[i] = string.Empty;
        }
    }

    private static void ThirdTone(List<WordSlot> words, string?[] spoken, bool[] fixedChar)
    {
        int Tone(int i) => spoken[i] is { Length: > 0 } s ? Pinyin.ToneOf(s) : 0;

        // Inside words, from the original tones: 333 → 223.
        foreach (var word in words)
        {
            var tones = Enumerable.Range(word.Start, word.Length).Select(Tone).ToArray();
            for (var k = 0; k + 1 < word.Length; k++)
            {
                var i = word.Start + k;
                if (tones[k] == 3 && tones[k + 1] == 3 && !fixedChar[i])
                {
                    spoken[i] = Pinyin.WithTone(spoken[i]!, 2);
                }
            }
        }

        // Across word boundaries, right to left, when one side is a single syllable.
        for (var w = words.Count - 2; w >= 0; w--)
        {
            var left = words[w];
            var right = words[w + 1];
            var a = left.Start + left.Length - 1;
            var b = right.Start;
            if ((left.Length == 1 || right.Length == 1) && Tone(a) == 3 && Tone(b) == 3 && !fixedChar[a])
            {
                spoken[a] = Pinyin.WithTone(spoken[a]!, 2);
            }
        }
    }
}
