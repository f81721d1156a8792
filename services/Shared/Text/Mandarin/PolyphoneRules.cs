namespace VoiceFleet.Text.Mandarin;

/// <summary>
/// Context rules for polyphonic characters that a phrase lexicon cannot settle, because the character stands as a word
/// of its own and its reading depends on its neighbours. Each rule looks at the words and characters around, never
/// further than the run of Han characters (punctuation ends the context). Characters with a fixed reading are left alone.
/// </summary>
/// <remarks>
/// The rules cover grammatical readings (得 de/dé/děi, 地 de/dì, 了 le/liǎo, 长 cháng/zhǎng, 还 hái/huán, 种 zhǒng/zhòng,
/// 数 shù/shǔ, 教 jiāo), 穿着 as a verb (zhe, not the noun's zhuó) and one phrase the lexicon gives its place-name reading
/// (朝阳 zhāoyáng, the morning sun, before 升/照/…). They are heuristics: a word class tagger would do better, and the
/// override lexicons fix what they miss.
/// </remarks>
internal static class PolyphoneRules
{
    private static readonly HashSet<string> Subjects = new(StringComparer.Ordinal)
    {
        "我", "你", "他", "她", "它", "您", "咱", "我们", "你们", "他们", "她们", "它们", "咱们", "大家", "自己", "谁", "这", "那",
        "这个", "那个", "人家", "别人", "我俩", "你俩", "他俩",
    };

    private const string ObtainNext = "了到过奖分病益逞胜手意知票"; // 得了第一名, 得到, 得奖: dé

    private const string Pronouns = "你我他她它您";

    private const string NumberChars = "零〇一二两三四五六七八九十百千万亿几";

    private static readonly HashSet<string> ZhongNounBefore = new(StringComparer.Ordinal)
    {
        "这", "那", "哪", "各", "每", "某", "多", "此", "该", "何", "本", "同", "异", "这么", "那么", "什么", "一", "两", "几",
        "品", "物", "人", "兵", "良", "新", "杂", "绝", "播", "特", "变", "工", "语", "剧", "险", "火", "菌", "树", "花", "纯",
    };

    private static readonly HashSet<string> ZhongVerbBefore = new(StringComparer.Ordinal)
    {
        "在", "正在", "要", "去", "来", "会", "想", "能", "可以", "爱", "开始", "不", "没", "别", "帮", "亲手", "还", "也", "都", "又",
        "再", "就", "先", "们", "农民", "我", "你", "他", "她", "我们", "你们", "他们", "她们", "咱们", "大家", "谁", "准备", "打算",
    };

    private const string ZhongVerbNext = "一两几了着过在下上出地花树菜田草瓜豆稻麦粮药庄满好完活成死";

    private static readonly HashSet<string> ShuNounBefore = new(StringComparer.Ordinal)
    {
        "的", "个", "半", "总", "人", "次", "岁", "分", "倍", "少", "多", "无", "有", "整", "小", "大", "奇", "偶", "基", "函", "指",
        "变", "常", "正", "负", "级", "位", "和", "差", "积", "商", "些", "本", "页", "字", "件", "这", "那", "该",
    };

    private const string HuanNext = "你我他她它您钱书债款清回上";

    private const string ZhangNext = "得大出成满高胖";

    private const string ZhaoyangNext = "升初东照映洒普冉露";

    /// <summary>Applies the rules to the words of one Han run.</summary>
    public static void Apply(List<WordSlot> words, string text)
    {
        for (var w = 0; w < words.Count; w++)
        {
            var word = words[w];
            var previous = w > 0 ? words[w - 1] : null;
            var nextChar = word.Start + word.Length < text.Length ? text[word.Start + word.Length] : '\0';
            if (word.Length == 1 && !word.Fixed[0])
            {
                var afterNext = word.Start + 2 < text.Length ? text[word.Start + 2] : '\0';
                var reading = Single(word.Text[0], previous, w > 1 ? words[w - 2] : null, nextChar, afterNext, word.Readings[0]);
                if (reading is not null && reading != word.Readings[0])
                {
                    word.Readings[0] = reading;
                }
            }
            else if (word.Text == "朝阳" && !word.Fixed[0] && ZhaoyangNext.Contains(nextChar, StringComparison.Ordinal))
            {
                word.Readings[0] = "zhao1";
            }
            else if (word.Text == "穿着" && !word.Fixed[1] && previous?.Text != "的")
            {
                word.Readings[1] = "zhe5"; // 她穿着红衣服 (wearing), not 她的穿着 (attire)
            }
        }
    }

    private static string? Single(char c, WordSlot? previous, WordSlot? beforePrevious, char next, char afterNext, string? current)
    {
        var prev = previous?.Text;
        switch (c)
        {
            case '得':
                if (next == '了' && IsHan(afterNext) && "吗呢吧啊".IndexOf(afterNext, StringComparison.Ordinal) < 0)
                {
                    return "de2"; // 得了冠军, 得了感冒
                }

                if (prev is null || Subjects.Contains(prev))
                {
                    return ObtainNext.Contains(next, StringComparison.Ordinal) || prev is null ? "de2" : "dei3";
                }

                return "de5";
            case '地':
                return IsAdverbial(previous, beforePrevious) && IsHan(next) ? "de5" : "di4";
            case '了':
                return previous?.Text is "得" or "不" && previous.Readings[0] is "de5" or "bu4" && !IsHan(next) ? "liao3" : current;
            case '长':
                return ZhangNext.Contains(next, StringComparison.Ordinal) ? "zhang3" : current;
            case '还':
                return HuanNext.Contains(next, StringComparison.Ordinal) && !(next is '上' && prev is null) ? "huan2" : current;
            case '种':
                if (prev is not null && (ZhongNounBefore.Contains(prev) || NumberChars.Contains(prev[^1], StringComparison.Ordinal)))
                {
                    return "zhong3";
                }

                return (prev is not null && ZhongVerbBefore.Contains(prev)) || ZhongVerbNext.Contains(next, StringComparison.Ordinal) ? "zhong4" : "zhong3";
            case '数':
                if (prev is not null && (ShuNounBefore.Contains(prev) || NumberChars.Contains(prev[^1], StringComparison.Ordinal)))
                {
                    return "shu4";
                }

                return IsHan(next) && !NumberChars.Contains(next, StringComparison.Ordinal) || next == '一' ? "shu3" : "shu4";
            case '教':
                return "jiao1";
            default:
                return null;
        }
    }

    /// <summary>Whether the word before 地 reads as an adverbial (慢慢, 认真, 高兴), not as a place word's modifier (这块, 的).</summary>
    private static bool IsAdverbial(WordSlot? previous, WordSlot? beforePrevious)
    {
        if (previous is null)
        {
            return false;
        }

        var text = previous.Text;
        if (text.Length == 1)
        {
            // 慢 慢 地: a reduplication split into single characters.
            return beforePrevious is not null && beforePrevious.Text == text;
        }

        var last = text[^1];
        return "的了在到上下里块片亩些个种这那哪各该本当外内".IndexOf(last, StringComparison.Ordinal) < 0
            && NumberChars.IndexOf(last, StringComparison.Ordinal) < 0
            && !Pronouns.Contains(text[0], StringComparison.Ordinal);
    }

    private static bool IsHan(char c) => Input.Scripts.IsHan(c);
}
