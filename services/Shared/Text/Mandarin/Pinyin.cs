using System.Globalization;
using System.Text;

namespace VoiceFleet.Text.Mandarin;

/// <summary>
/// Hanyu pinyin syllables: parsing tone marks or tone numbers into VoiceFleet's form (toneless syllable, ü written
/// <c>v</c>, then the tone 1–5, e.g. <c>lv4</c>, <c>zhong4</c>, <c>le5</c>), and checking them against the syllable
/// inventory of standard Mandarin.
/// </summary>
public static class Pinyin
{
    // The 409 toneless syllables of the lexicon data (@pinyin-pro/data), ü as v; "m", "n", "ng", "hm" style
    // interjections included as the data spells them.
    private const string InventoryText = "a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei en er fa fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve m ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ng ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo";

    private static readonly HashSet<string> Inventory = new(InventoryText.Split(' '), StringComparer.Ordinal);

    private static readonly Dictionary<char, (char Base, int Tone)> ToneMarks = BuildToneMarks();

    /// <summary>The toneless syllables (ü as v).</summary>
    public static IReadOnlyCollection<string> Syllables => Inventory;

    /// <summary>
    /// Parses one syllable written with a tone mark (<c>zhòng</c>), a tone number (<c>zhong4</c>, 0 or 5 = neutral) or
    /// neither (neutral), ü written <c>ü</c>, <c>v</c> or <c>u:</c>, any case.
    /// </summary>
    /// <param name="text">The syllable.</param>
    /// <param name="syllable">VoiceFleet's form, e.g. <c>zhong4</c>.</param>
    /// <returns>False when it is not a syllable of the inventory or the tone is malformed.</returns>
    public static bool TryParse(string text, out string syllable)
    {
        ArgumentNullException.ThrowIfNull(text);
        syllable = string.Empty;
        var value = text.Trim().ToLowerInvariant().Replace("u:", "v", StringComparison.Ordinal);
        if (value.Length == 0)
        {
            return false;
        }

        var tone = 0;
        var builder = new StringBuilder(value.Length + 1);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                if (i != value.Length - 1 || tone != 0)
                {
                    return false;
                }

                tone = c - '0';
                if (tone > 5)
                {
                    return false;
                }

                tone = tone == 0 ? 5 : tone;
            }
            else if (ToneMarks.TryGetValue(c, out var mark))
            {
                if (tone != 0)
                {
                    return false;
                }

                tone = mark.Tone;
                builder.Append(mark.Base);
            }
            else if (c == 'ü')
            {
                builder.Append('v');
            }
            else if (char.IsAsciiLetterLower(c))
            {
                builder.Append(c);
            }
            else
            {
                return false;
            }
        }

        var bare = builder.ToString();
        if (!Inventory.Contains(bare))
        {
            return false;
        }

        syllable = bare + (tone == 0 ? 5 : tone).ToString(CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>The tone (1–5) of a syllable in VoiceFleet's form; 5 when it has no final digit.</summary>
    public static int ToneOf(string syllable)
    {
        ArgumentNullException.ThrowIfNull(syllable);
        return syllable.Length > 0 && syllable[^1] is >= '1' and <= '5' ? syllable[^1] - '0' : 5;
    }

    /// <summary>The syllable without its tone digit.</summary>
    public static string BaseOf(string syllable)
    {
        ArgumentNullException.ThrowIfNull(syllable);
        return syllable.Length > 0 && char.IsAsciiDigit(syllable[^1]) ? syllable[..^1] : syllable;
    }

    /// <summary>The same syllable with another tone.</summary>
    public static string WithTone(string syllable, int tone) =>
        BaseOf(syllable) + tone.ToString(CultureInfo.InvariantCulture);

    /// <summary>Converts a syllable with a tone mark (as the lexicon data writes it) to VoiceFleet's form; unmarked is neutral (5).</summary>
    internal static string FromToneMarked(string marked)
    {
        var tone = 5;
        var builder = new StringBuilder(marked.Length + 1);
        foreach (var c in marked)
        {
            if (ToneMarks.TryGetValue(c, out var mark))
            {
                tone = mark.Tone;
                builder.Append(mark.Base);
            }
            else
            {
                builder.Append(c == 'ü' ? 'v' : c);
            }
        }

        return builder.Append((char)('0' + tone)).ToString();
    }

    private static Dictionary<char, (char Base, int Tone)> BuildToneMarks()
    {
        var marks = new Dictionary<char, (char, int)>();
        void Add(char baseLetter, string marked)
        {
            for (var t = 0; t < marked.Length; t++)
            {
                marks[marked[t]] = (baseLetter, t + 1);
            }
        }

        Add('a', "āáǎà");
        Add('e', "ēéěè");
        Add('i', "īíǐì");
        Add('o', "ōóǒò");
        Add('u', "ūúǔù");
        Add('v', "ǖǘǚǜ");
        marks['\u0144'] = ('n', 2); // ń
        marks['\u0148'] = ('n', 3); // ň
        marks['\u01F9'] = ('n', 4); // ǹ
        marks['\u1E3F'] = ('m', 2); // ḿ
        return marks;
    }
}
