namespace VoiceFleet.Text.Mandarin;

/// <summary>One Han character's reading.</summary>
/// <param name="Character">The character as written.</param>
/// <param name="Pinyin">Dictionary reading, tone number 1–5 (e.g. <c>yin2</c>); empty when unknown.</param>
/// <param name="Spoken">Reading after tone sandhi, erhua and neutral tone (e.g. <c>ni2</c> in 你好); empty for an 儿 merged into the syllable before, or when unknown.</param>
public sealed record MandarinSyllable(string Character, string Pinyin, string Spoken);
