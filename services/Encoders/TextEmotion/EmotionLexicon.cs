using System.Globalization;

namespace VoiceFleet.Encoders.TextEmotion;

/// <summary>
/// The built-in lexicon of the text-to-emotion baseline, Mandarin and English: emotion words and phrases,
/// manner phrases (带着哭腔, 喘着气, whispering), degree adverbs, negators and restraint phrases, each with
/// its weight per label. Written as compact specs: label codes n h s a u f d (neutral, happy, sad, angry,
/// surprised, fearful, disgusted) each optionally followed by a weight (default 1); <c>~x</c> an intensifier
/// with factor x; <c>!</c> a negator (<c>!x</c>: negates and scales by x); <c>^x</c> restraint; empty absorbs.
/// English terms ending in <c>*</c> match any word that starts with them (furious*, cheer*).
/// </summary>
internal static class EmotionLexicon
{
    /// <summary>Mandarin terms (matched longest first, anywhere in the text).</summary>
    public static IReadOnlyDictionary<string, LexiconEntry> Mandarin { get; } = Build(MandarinSpecs());

    /// <summary>English words and phrases (spaces between words; hyphens read as spaces).</summary>
    public static IReadOnlyDictionary<string, LexiconEntry> English { get; } = Build(EnglishSpecs().Where(s => !s.Term.EndsWith('*')));

    /// <summary>English prefixes (the <c>*</c> terms), longest first.</summary>
    public static IReadOnlyList<(string Prefix, LexiconEntry Entry)> EnglishPrefixes { get; } =
        [.. Build(EnglishSpecs().Where(s => s.Term.EndsWith('*')).Select(s => (s.Term[..^1], s.Spec))).OrderByDescending(p => p.Key.Length).Select(p => (p.Key, p.Value))];

    /// <summary>The longest Mandarin term, in characters.</summary>
    public static int MaxMandarinLength { get; } = Mandarin.Keys.Max(k => k.Length);

    /// <summary>The most words in an English phrase.</summary>
    public static int MaxEnglishWords { get; } = English.Keys.Max(k => k.Count(c => c == ' ') + 1);

    private static Dictionary<string, LexiconEntry> Build(IEnumerable<(string Term, string Spec)> specs)
    {
        var map = new Dictionary<string, LexiconEntry>(StringComparer.Ordinal);
        foreach (var (term, spec) in specs)
        {
            if (!map.TryAdd(term, Parse(spec)))
            {
                throw new InvalidOperationException($"The emotion lexicon lists '{term}' twice.");
            }
        }

        return map;
    }

    /// <summary>Reads one spec (see the class summary).</summary>
    public static LexiconEntry Parse(string spec)
    {
        spec = spec.Trim();
        if (spec.Length == 0)
        {
            return LexiconEntry.Absorb;
        }

        var weights = new float[EmotionLabels.BuiltIn.Count];
        switch (spec[0])
        {
            case '~':
                return new LexiconEntry(LexiconRole.Intensifier, weights, Number(spec[1..]));
            case '!':
                return new LexiconEntry(LexiconRole.Negator, weights, spec.Length == 1 ? 1 : Number(spec[1..]));
            case '^':
                return new LexiconEntry(LexiconRole.Restraint, weights, Number(spec[1..]));
        }

        var parts = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var label = parts[i] switch
            {
                "n" => 0,
                "h" => 1,
                "s" => 2,
                "a" => 3,
                "u" => 4,
                "f" => 5,
                "d" => 6,
                _ => throw new InvalidOperationException($"Bad emotion lexicon spec '{spec}': '{parts[i]}' is no label code."),
            };
            var weight = 1f;
            if (i + 1 < parts.Length && (char.IsDigit(parts[i + 1][0]) || parts[i + 1][0] == '.'))
            {
                weight = Number(parts[++i]);
            }

            weights[label] += weight;
        }

        return new LexiconEntry(LexiconRole.Cue, weights, 1);
    }

    private static float Number(string text) => float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static IEnumerable<(string Term, string Spec)> MandarinSpecs() =>
    [
        // happy
        ("开心", "h"), ("高兴", "h"), ("快乐", "h"), ("愉快", "h"), ("欢快", "h"), ("欢乐", "h"), ("喜悦", "h"), ("欣喜", "h 1.1"),
        ("兴奋", "h .85 u .15"), ("兴高采烈", "h 1.2"), ("眉开眼笑", "h 1.1"), ("喜出望外", "h .8 u .4"), ("欢欣", "h"), ("欢喜", "h"),
        ("雀跃", "h 1.1"), ("乐呵呵", "h .9"), ("美滋滋", "h .9"), ("心花怒放", "h 1.3"), ("幸福", "h .9"), ("满意", "h .8"),
        ("满足", "h .7"), ("得意", "h .7 d .1"), ("自豪", "h .7"), ("骄傲", "h .6"), ("激动", "h .6 u .25 a .1"), ("热情", "h .6"),
        ("温暖", "h .6"), ("温柔", "h .4 n .3"), ("甜蜜", "h .8"), ("轻快", "h .6"), ("活泼", "h .6"), ("愉悦", "h"), ("庆祝", "h .5"),
        ("祝福", "h .4"), ("感激", "h .5"), ("欣慰", "h .7"), ("喜", "h .8"), ("乐", "h .6"), ("笑", "h .5"), ("笑着", "h .6"),
        ("微笑", "h .6"), ("大笑", "h .9"), ("哈哈", "h .6"), ("欢呼", "h .8 u .1"), ("畅快", "h .7"), ("爽朗", "h .7"), ("阳光", "h .4"),
        ("惊喜", "h .55 u .5"), ("喜滋滋", "h .9"), ("乐观", "h .5"), ("亲切", "h .4 n .2"),

        // sad
        ("难过", "s"), ("伤心", "s"), ("悲伤", "s"), ("哀伤", "s"), ("悲痛", "s 1.2"), ("悲哀", "s"), ("忧伤", "s"), ("忧郁", "s"),
        ("忧愁", "s"), ("低落", "s"), ("沮丧", "s"), ("失落", "s"), ("失望", "s .8 a .2"), ("绝望", "s 1.2 f .15"), ("心碎", "s 1.2"),
        ("痛苦", "s .9"), ("委屈", "s .8"), ("凄凉", "s"), ("孤独", "s .7"), ("寂寞", "s .7"), ("惆怅", "s .8"), ("哀怨", "s .8 a .1"),
        ("消沉", "s"), ("颓丧", "s"), ("郁闷", "s .6 a .3"), ("无奈", "s .6"), ("遗憾", "s .7"), ("惋惜", "s .7"), ("后悔", "s .7"),
        ("懊悔", "s .7"), ("疲惫", "s .6 n .2"), ("疲倦", "s .5 n .2"), ("累", "s .4"), ("哭", "s .8"), ("哭腔", "s .9"), ("哭着", "s .9"),
        ("哽咽", "s .9"), ("抽泣", "s .9"), ("啜泣", "s .9"), ("含泪", "s .8"), ("流泪", "s .8"), ("泪", "s .6"), ("叹气", "s .6"),
        ("叹息", "s .6"), ("唉", "s .4"), ("悲", "s .7"), ("愁", "s .6"), ("哀", "s .7"), ("沉重", "s .6"), ("低沉", "s .4 n .1"),
        ("缓慢", "s .3"), ("有气无力", "s .6"), ("道歉", "s .3"), ("思念", "s .5"), ("怀念", "s .4 h .1"), ("伤感", "s .9"), ("心酸", "s .9"),
        ("黯然", "s .9"), ("垂头丧气", "s 1.1"), ("泣不成声", "s 1.3"),

        // angry
        ("生气", "a"), ("愤怒", "a 1.1"), ("发怒", "a"), ("恼火", "a .9"), ("恼怒", "a"), ("气愤", "a"), ("愤恨", "a"), ("暴怒", "a 1.4"),
        ("狂怒", "a 1.4"), ("震怒", "a 1.3"), ("大怒", "a 1.3"), ("怒", "a .9"), ("怒火", "a"), ("怒气", "a"), ("火大", "a .9"), ("发火", "a"),
        ("冒火", "a"), ("气呼呼", "a .9"), ("气冲冲", "a 1"), ("不耐烦", "a .8 d .2"), ("烦躁", "a .7 f .1"), ("暴躁", "a"), ("急躁", "a .7"),
        ("不满", "a .6 d .3"), ("埋怨", "a .5 d .4"), ("责备", "a .6"), ("责问", "a .6"), ("质问", "a .6"), ("斥责", "a .8"), ("训斥", "a .8"),
        ("呵斥", "a .8"), ("怒斥", "a 1.1"), ("咆哮", "a 1.1"), ("吼", "a .6"), ("怒吼", "a 1.2"), ("大吼", "a .9"), ("骂", "a .8"),
        ("咬牙切齿", "a 1.1"), ("气势汹汹", "a .9"), ("凶", "a .6"), ("恶狠狠", "a .9"), ("严厉", "a .5 n .1"), ("大声", "a .35"),
        ("喊", "a .2 f .1 h .05"), ("嚷", "a .5"), ("怨恨", "a .7 s .2"), ("恨", "a .7"), ("愤慨", "a"), ("义愤填膺", "a 1.2"),
        ("烦", "a .5 d .2"), ("气得", "a .9"), ("愤愤不平", "a .9"), ("忿忿", "a .8"), ("恨恨", "a .8"), ("火冒三丈", "a 1.3"), ("怒不可遏", "a 1.4"), ("气急败坏", "a 1.2"),

        // surprised
        ("惊讶", "u"), ("吃惊", "u"), ("震惊", "u 1.1"), ("惊奇", "u .9"), ("惊诧", "u"), ("诧异", "u .9"), ("意外", "u .8"), ("惊叹", "u .8 h .2"),
        ("惊", "u .8"), ("讶异", "u"), ("愕然", "u"), ("目瞪口呆", "u 1.1"), ("难以置信", "u .9"), ("不敢相信", "u .9"), ("不可思议", "u .8"),
        ("居然", "u .5"), ("竟然", "u .5"), ("突然", "u .4"), ("猛然", "u .4"), ("意识到", "u .4"), ("发现", "u .3"), ("恍然大悟", "u .7"),
        ("咦", "u .5"), ("哇", "u .5 h .2"), ("怀疑", "u .35 d .25"), ("疑惑", "u .5 n .1"), ("好奇", "u .5 h .1"), ("被骗", "u .55 a .4"),
        ("上当", "u .5 a .4"), ("大吃一惊", "u 1.2"), ("惊呼", "u .7 f .2"), ("瞠目结舌", "u 1.1"), ("愣住", "u .7"),

        // fearful
        ("害怕", "f"), ("恐惧", "f 1.1"), ("惊恐", "f u .3"), ("恐慌", "f"), ("惊慌", "f .9 u .2"), ("慌张", "f .8"), ("慌乱", "f .8"),
        ("惊吓", "f .8 u .3"), ("吓", "f .7"), ("吓坏", "f 1.1"), ("畏惧", "f .9"), ("胆怯", "f .8"), ("怯", "f .6"), ("紧张", "f .7"),
        ("焦虑", "f .9"), ("不安", "f .8"), ("担心", "f .7"), ("担忧", "f .7"), ("忐忑", "f .8"), ("惶恐", "f"), ("战战兢兢", "f"),
        ("颤抖", "f .7"), ("发抖", "f .6"), ("哆嗦", "f .7"), ("颤声", "f .6"), ("颤", "f .5"), ("怕", "f .8"), ("可怕", "f .6"),
        ("恐怖", "f .8"), ("毛骨悚然", "f"), ("心惊胆战", "f 1.1"), ("提心吊胆", "f .9"), ("喘着气", "f .6"), ("喘气", "f .5"),
        ("气喘吁吁", "f .5"), ("上气不接下气", "f .5"), ("尖叫", "f .6 u .2"), ("小声", "f .3 s .15"), ("低声", "s .3 f .15 n .05"),
        ("压低声音", "f .3 s .1"), ("结结巴巴", "f .4 s .1"), ("支支吾吾", "f .3"), ("惊魂未定", "f"), ("手足无措", "f .7"), ("恐", "f .7"),

        // disgusted
        ("厌恶", "d"), ("恶心", "d"), ("嫌弃", "d"), ("反感", "d .9"), ("讨厌", "d .8 a .2"), ("鄙视", "d .9 a .1"), ("鄙夷", "d .9"),
        ("不屑", "d .8"), ("轻蔑", "d .9"), ("蔑视", "d .9"), ("嫌恶", "d"), ("憎恶", "d .9 a .3"), ("作呕", "d"), ("反胃", "d .9"),
        ("嗤之以鼻", "d .9"), ("嘲讽", "d .8 a .1"), ("讽刺", "d .8 a .1"), ("挖苦", "d .7 a .2"), ("冷笑", "d .8"), ("冷嘲热讽", "d .9 a .2"),
        ("嘲笑", "d .7 h .1"), ("阴阳怪气", "d .8 a .2"), ("翻白眼", "d .8"), ("白眼", "d .7"), ("皱眉", "d .4 a .15 s .1"),
        ("皱着眉", "d .4 a .15 s .1"), ("皱起眉", "d .4 a .15 s .1"), ("撇嘴", "d .6"), ("嗤笑", "d .8"), ("冷哼", "d .7 a .2"), ("哼", "d .4 a .3"), ("嫌", "d .6"), ("厌", "d .6"), ("腻", "d .4"),
        ("抱怨", "d .4 a .35"), ("牢骚", "d .4 a .3"), ("冷淡", "d .3 n .3"), ("傲慢", "d .6"), ("不以为然", "d .6"), ("嫌恶地", "d"),

        // neutral delivery
        ("平静", "n"), ("冷静", "n"), ("镇定", "n .9"), ("平稳", "n .9"), ("平和", "n .9"), ("平淡", "n .9"), ("淡定", "n .9"), ("沉着", "n .8"),
        ("客观", "n"), ("中立", "n"), ("中性", "n"), ("理性", "n .8"), ("正常", "n .7"), ("平常", "n .7"), ("自然", "n .5"), ("如实", "n .7"),
        ("陈述", "n .5"), ("说明", "n .5"), ("介绍", "n .4"), ("描述", "n .4"), ("播报", "n .6"), ("广播", "n .6"), ("朗读", "n .5"),
        ("念", "n .3"), ("读", "n .3"), ("宣布", "n .3"), ("通知", "n .4"), ("提醒", "n .3"), ("清晰", "n .4"), ("清楚", "n .3"),
        ("认真", "n .3"), ("正式", "n .5"), ("专业", "n .5"), ("官方", "n .5"), ("新闻", "n .5"), ("机械", "n .6"), ("面无表情", "n"),
        ("不带感情", "n"), ("不带情绪", "n"), ("没有感情", "n"), ("没有情绪", "n"), ("毫无感情", "n"), ("不动声色", "n .9"), ("波澜不惊", "n"),
        ("心平气和", "n"), ("一本正经", "n .7"), ("照本宣科", "n .8"), ("平铺直叙", "n .9"), ("稳重", "n .7"), ("礼貌", "n .4 h .1"),

        // degree
        ("轻微", "~.4"), ("微微", "~.45"), ("稍微", "~.5"), ("稍稍", "~.5"), ("略", "~.5"), ("略带", "~.5"), ("略微", "~.5"), ("略显", "~.5"),
        ("有点", "~.5"), ("有点儿", "~.5"), ("有些", "~.55"), ("一点", "~.5"), ("一丝", "~.4"), ("些许", "~.5"), ("淡淡", "~.5"), ("隐隐", "~.5"),
        ("带点", "~.5"), ("比较", "~.85"), ("挺", "~.9"), ("还算", "~.8"), ("很", "~1.25"), ("非常", "~1.3"), ("十分", "~1.3"), ("特别", "~1.3"),
        ("相当", "~1.2"), ("真", "~1.15"), ("好", "~1.1"), ("格外", "~1.3"), ("分外", "~1.3"), ("尤其", "~1.2"), ("太", "~1.35"), ("极", "~1.5"),
        ("极度", "~1.5"), ("极其", "~1.5"), ("极为", "~1.5"), ("无比", "~1.5"), ("万分", "~1.5"), ("超级", "~1.45"), ("超", "~1.35"),
        ("异常", "~1.4"), ("深深", "~1.3"), ("完全", "~1.3"), ("彻底", "~1.4"), ("更", "~1.15"),

        // negation and restraint
        ("不", "!"), ("没", "!"), ("没有", "!"), ("并不", "!"), ("毫不", "!1.1"), ("毫无", "!1.1"), ("别", "!"), ("未", "!"), ("不太", "!.6"),
        ("不怎么", "!.6"), ("不是很", "!.6"), ("一点也不", "!1.2"), ("并非", "!"), ("强压", "^.75"), ("压着", "^.75"), ("强忍", "^.75"),
        ("忍着", "^.8"), ("忍住", "^.8"), ("克制", "^.75"), ("按捺", "^.75"), ("憋着", "^.8"),

        // words that contain single-character cues but carry no emotion here
        ("语气", ""), ("口气", ""), ("气息", ""), ("力气", ""), ("客气", ""), ("天气", ""), ("空气", ""), ("好像", ""), ("好的", ""), ("只好", ""),
        ("音乐", ""), ("快乐地", "h"), ("不好意思", "s .3 n .2"), ("可以", ""), ("读者", ""), ("念头", ""), ("笑话", "h .3"),
    ];

    private static IEnumerable<(string Term, string Spec)> EnglishSpecs() =>
    [
        // happy
        ("happ*", "h"), ("unhappy", "s .9"), ("unhappily", "s .9"), ("joy*", "h"), ("cheer*", "h"), ("glad*", "h .9"), ("delight*", "h 1.1"),
        ("excit*", "h .85 u .2"), ("thrill*", "h .9 u .2"), ("elat*", "h 1.1"), ("ecstatic*", "h 1.3"), ("overjoyed", "h 1.3"), ("jubilant*", "h 1.2"),
        ("gleeful*", "h"), ("merr*", "h .9"), ("jolly", "h .9"), ("upbeat", "h .8"), ("bright", "h .4"), ("sunny", "h .5"), ("warm", "h .6"),
        ("warmly", "h .6"), ("warmth", "h .6"), ("smil*", "h .6"), ("laugh*", "h .7"), ("grin*", "h .6"), ("pleased", "h .8"), ("satisfied", "h .7"),
        ("proud*", "h .6"), ("grateful*", "h .5"), ("thankful*", "h .5"), ("playful*", "h .6"), ("lively", "h .6"), ("bubbly", "h .8"),
        ("enthusias*", "h .8"), ("celebrat*", "h .6"), ("loving*", "h .5"), ("amused", "h .6"), ("giddy", "h .8"), ("over the moon", "h 1.2"),
        ("content", "h .5 n .2"), ("hopeful*", "h .5"), ("optimistic*", "h .5"), ("blissful*", "h 1.1"), ("radiant", "h .8"),

        // sad
        ("sad", "s"), ("sadly", "s"), ("sadness", "s"), ("saddened", "s"), ("sorrow*", "s"), ("griev*", "s 1.1"), ("grief*", "s 1.1"),
        ("heartbroken", "s 1.2"), ("heartbreak*", "s 1.2"), ("mourn*", "s"), ("melanchol*", "s .9"), ("gloom*", "s .8"), ("depress*", "s"),
        ("despair*", "s 1.2 f .1"), ("despondent*", "s 1.1"), ("dejected*", "s"), ("downcast", "s .9"), ("downhearted", "s"), ("miserabl*", "s"),
        ("tearful*", "s .9"), ("tear", "s .7"), ("tears", "s .7"), ("cry", "s .8"), ("crying", "s .8"), ("cries", "s .8"), ("cried", "s .8"),
        ("sob*", "s .9"), ("weep*", "s .9"), ("wistful*", "s .6"), ("regret*", "s .8"), ("remorse*", "s .8"), ("sorry", "s .5"), ("apologetic*", "s .5"),
        ("tired", "s .55 n .15"), ("weary", "s .6"), ("wearily", "s .6"), ("exhausted", "s .5"), ("low", "s .5"), ("lonely", "s .7"),
        ("hopeless*", "s"), ("sigh*", "s .6"), ("somber*", "s .7"), ("sombre*", "s .7"), ("defeated", "s .7"), ("disappoint*", "s .7 a .2"),
        ("hurt", "s .6"), ("pained", "s .7"), ("choked", "s .6"), ("broken", "s .6"), ("crushed", "s .8"), ("in tears", "s .9"),
        ("on the verge of tears", "s 1.1"), ("choking up", "s .8"), ("down in the dumps", "s"), ("blue", "s .4"), ("forlorn", "s"), ("bereaved", "s 1.1"),

        // angry
        ("angry", "a"), ("angrily", "a"), ("anger*", "a"), ("furious*", "a 1.35"), ("fury", "a 1.35"), ("rage*", "a 1.3"), ("raging", "a 1.3"),
        ("enraged", "a 1.3"), ("livid", "a 1.3"), ("irate*", "a 1.2"), ("mad", "a .8"), ("annoy*", "a .7"), ("irritat*", "a .75"),
        ("frustrat*", "a .75 s .1"), ("exasperat*", "a .8"), ("indignant*", "a .8"), ("outrag*", "a 1.2"), ("hostil*", "a .8"),
        ("resentful*", "a .6 s .2"), ("bitter*", "a .5 s .3"), ("impatient*", "a .6"), ("fuming", "a 1.1"), ("seething", "a 1.2"), ("snap*", "a .6"),
        ("shout*", "a .5"), ("yell*", "a .6"), ("bark*", "a .5"), ("snarl*", "a .8"), ("growl*", "a .6"), ("stern*", "a .5 n .1"),
        ("harsh*", "a .6"), ("aggressive*", "a .8"), ("heated", "a .6"), ("agitated", "a .4 f .3"), ("grumpy", "a .6 d .2"), ("cross", "a .5"),
        ("fed up", "a .5 d .4"), ("pissed off", "a"), ("gritted teeth", "a .8"), ("through gritted teeth", "a .9"), ("vexed", "a .7"), ("wrath*", "a 1.2"),

        // surprised
        ("surpris*", "u"), ("astonish*", "u 1.1"), ("amaz*", "u .9 h .2"), ("shock*", "u f .1"), ("stun*", "u"), ("startl*", "u .8 f .2"),
        ("astound*", "u 1.1"), ("disbelie*", "u .9"), ("incredul*", "u .9"), ("unbelievab*", "u .8"), ("speechless", "u .8"), ("dumbfounded", "u 1.1"),
        ("flabbergast*", "u 1.2"), ("taken aback", "u .9"), ("gasp*", "u .6 f .2"), ("wow", "u .6 h .2"), ("impressed", "u .45 h .35"),
        ("unexpected*", "u .6"), ("sudden*", "u .4"), ("realiz*", "u .4"), ("realis*", "u .4"), ("wonder*", "u .5 h .2"), ("awe", "u .7 h .2"),
        ("awestruck", "u .9 h .2"), ("bewilder*", "u .7 f .1"), ("puzzled", "u .5 n .1"), ("confused", "u .4 f .1"), ("curious*", "u .4 h .1"),
        ("deceived", "u .5 a .4"), ("tricked", "u .5 a .4"), ("fooled", "u .5 a .4"), ("jaw dropping", "u 1.1"), ("caught off guard", "u .9"),

        // fearful
        ("fear*", "f"), ("afraid", "f"), ("scare*", "f"), ("scary", "f .7"), ("frighten*", "f"), ("terrif*", "f 1.3"), ("horrif*", "f d .3"),
        ("panic*", "f 1.2"), ("anxious*", "f .85"), ("anxiety", "f .85"), ("nervous*", "f .8"), ("worri*", "f .7"), ("worry", "f .7"),
        ("dread*", "f"), ("uneasy", "f .7"), ("tense", "f .6"), ("jitter*", "f .7"), ("petrified", "f 1.3"), ("trembl*", "f .7"), ("shak*", "f .6"),
        ("quiver*", "f .7"), ("shiver*", "f .6"), ("breathless*", "f .5"), ("panting", "f .5"), ("out of breath", "f .5"), ("whisper*", "f .3 s .15 n .05"),
        ("timid*", "f .6"), ("apprehensive*", "f .7"), ("alarmed", "f .8 u .3"), ("hesitant*", "f .4"), ("stammer*", "f .5"), ("stutter*", "f .5"),
        ("spooked", "f .9"), ("scared stiff", "f 1.2"), ("haunted", "f .6"), ("paranoid", "f .8"),

        // disgusted
        ("disgust*", "d"), ("grimac*", "d .8"), ("contempt*", "d"), ("scorn*", "d"), ("sneer*", "d .9"), ("sarcas*", "d .8 a .1"),
        ("mock*", "d .7 h .1"), ("revolt*", "d"), ("repuls*", "d"), ("repugnan*", "d"), ("gross", "d .7"), ("grossed out", "d"), ("loath*", "d"),
        ("disdain*", "d"), ("derisi*", "d .9"), ("dismissive*", "d .7"), ("nause*", "d"), ("sicken*", "d .9"), ("eww", "d .8"), ("ew", "d .8"),
        ("yuck", "d .8"), ("ugh", "d .6 a .2"), ("distaste*", "d .8"), ("condescend*", "d .8"), ("smug*", "d .6 h .1"), ("snide*", "d .8"),
        ("icky", "d .7"), ("appalled", "d .7 a .3 u .2"), ("cynical*", "d .6"), ("eye roll", "d .8"), ("eyeroll*", "d .8"), ("revulsion", "d"),
        ("scoff*", "d .8"), ("jeer*", "d .8 a .1"), ("snooty", "d .6"),

        // neutral delivery
        ("calm*", "n"), ("neutral*", "n"), ("matter of fact", "n"), ("matter of factly", "n"), ("flat", "n .7"), ("flatly", "n .7"), ("plain*", "n .6"),
        ("steady", "n .7"), ("steadily", "n .7"), ("monoton*", "n .9"), ("objective*", "n .9"), ("informative", "n .7"), ("factual*", "n .8"),
        ("professional*", "n .6"), ("formal*", "n .5"), ("deadpan", "n"), ("composed", "n .8"), ("unemotional*", "n"), ("emotionless*", "n"),
        ("expressionless*", "n"), ("impassive*", "n"), ("detached", "n .8"), ("measured", "n .6"), ("level", "n .5"), ("dispassionate*", "n"),
        ("businesslike", "n .8"), ("customer service", "n .5"), ("announc*", "n .4"), ("narrat*", "n .4"), ("read", "n .3"), ("reading", "n .3"),
        ("news", "n .4"), ("serene*", "n .8 h .2"), ("relaxed", "n .7 h .2"), ("casual*", "n .5"), ("no emotion", "n"), ("without emotion", "n"),
        ("without feeling", "n"), ("no feeling", "n"), ("even tone", "n .8"), ("polite*", "n .4 h .1"), ("clear", "n .3"), ("clearly", "n .3"),

        // degree
        ("slightly", "~.45"), ("a bit", "~.5"), ("a little", "~.5"), ("a touch", "~.5"), ("a tad", "~.5"), ("somewhat", "~.55"), ("mildly", "~.45"),
        ("faintly", "~.45"), ("kind of", "~.55"), ("kinda", "~.55"), ("sort of", "~.55"), ("quite", "~.9"), ("rather", "~.9"), ("fairly", "~.85"),
        ("very", "~1.3"), ("really", "~1.2"), ("so", "~1.2"), ("truly", "~1.25"), ("deeply", "~1.3"), ("highly", "~1.3"), ("genuinely", "~1.2"),
        ("super", "~1.35"), ("extremely", "~1.5"), ("incredibly", "~1.45"), ("utterly", "~1.5"), ("totally", "~1.4"), ("absolutely", "~1.45"),
        ("terribly", "~1.4"), ("completely", "~1.4"), ("intensely", "~1.45"), ("overwhelmingly", "~1.5"), ("wildly", "~1.4"), ("quietly", "~.85"),
        ("softly", "~.8"), ("gently", "~.8"), ("too", "~1.2"), ("most", "~1.3"), ("barely", "~1"),

        // negation and restraint
        ("not", "!"), ("no", "!"), ("never", "!"), ("without", "!"), ("hardly", "!.7"), ("not very", "!.6"), ("not too", "!.6"), ("not so", "!.6"),
        ("not at all", "!1.2"), ("neither", "!"), ("nor", "!"), ("holding back", "^.75"), ("hold back", "^.75"), ("held back", "^.75"),
        ("restrain*", "^.75"), ("suppress*", "^.75"), ("bottled up", "^.8"), ("keeping it together", "^.8"),
    ];
}
