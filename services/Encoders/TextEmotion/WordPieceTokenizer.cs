using System.Globalization;
using System.Text;

namespace VoiceFleet.Encoders.TextEmotion;

/// <summary>
/// The tokenizer of the ONNX text-encoder path, BERT style: lower-cased, NFKC; every Han character a token
/// of its own; other words split by greedy longest-match WordPiece with <c>##</c> continuations;
/// <c>[UNK]</c> for what the vocabulary lacks; <c>[CLS]</c> … <c>[SEP]</c> around it when the vocabulary
/// has them.
/// </summary>
internal sealed class WordPieceTokenizer
{
    private readonly Dictionary<string, long> _vocabulary;
    private readonly long _unknown;

    public WordPieceTokenizer(IReadOnlyList<string> vocabulary)
    {
        _vocabulary = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Count; i++)
        {
            _vocabulary.TryAdd(vocabulary[i], i);
        }

        _unknown = _vocabulary.TryGetValue("[UNK]", out var unk) ? unk : 0;
    }

    public static WordPieceTokenizer FromFile(string path) =>
        new([.. File.ReadAllLines(path, Encoding.UTF8).Select(line => line.TrimEnd('\r'))]);

    public long[] Encode(string text, int maxTokens)
    {
        var ids = new List<long>();
        var hasCls = _vocabulary.TryGetValue("[CLS]", out var cls);
        var hasSep = _vocabulary.TryGetValue("[SEP]", out var sep);
        if (hasCls)
        {
            ids.Add(cls);
        }

        var budget = maxTokens - (hasSep ? 1 : 0);
        foreach (var word in Words(text.Normalize(NormalizationForm.FormKC).ToLowerInvariant()))
        {
            foreach (var id in Pieces(word))
            {
                if (ids.Count >= budget)
                {
                    break;
                }

                ids.Add(id);
            }
        }

        if (hasSep)
        {
            ids.Add(sep);
        }

        return [.. ids];
    }

    private IEnumerable<long> Pieces(string word)
    {
        if (_vocabulary.TryGetValue(word, out var whole))
        {
            yield return whole;
            yield break;
        }

        var pieces = new List<long>();
        var start = 0;
        while (start < word.Length)
        {
            var end = word.Length;
            long? found = null;
            while (end > start)
            {
                var piece = (start == 0 ? string.Empty : "##") + word[start..end];
                if (_vocabulary.TryGetValue(piece, out var id))
                {
                    found = id;
                    break;
                }

                end--;
            }

            if (found is null)
            {
                pieces = [_unknown];
                break;
            }

            pieces.Add(found.Value);
            start = end;
        }

        foreach (var id in pieces)
        {
            yield return id;
        }
    }

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text)
        {
            var isHan = c >= '\u2E80' && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter;
            if (isHan || char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                if (isHan || char.IsPunctuation(c) || char.IsSymbol(c))
                {
                    yield return c.ToString();
                }
            }
            else
            {
                word.Append(c);
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
