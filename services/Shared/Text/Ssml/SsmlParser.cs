using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using VoiceFleet.Text.Documents;
using VoiceFleet.Text.Input;

namespace VoiceFleet.Text.Ssml;

/// <summary>
/// Reads VoiceFleet's SSML subset into a <see cref="TextDocument"/>: <c>speak</c>, <c>p</c>, <c>s</c>, <c>break</c>
/// (<c>time</c>, <c>strength</c>), <c>prosody</c> (<c>rate</c>, <c>pitch</c>, <c>volume</c>), <c>emphasis</c>,
/// <c>say-as</c>, <c>phoneme</c> (<c>alphabet</c> <c>ipa</c> or <c>pinyin</c>, <c>ph</c>), <c>sub</c> (<c>alias</c>) and
/// <c>vf:emotion</c> (namespace <see cref="VoiceFleetNamespace"/>; <c>name</c> or <c>description</c>, <c>strength</c>).
/// Anything else, and any XML error, throws a <see cref="TextInputException"/> naming line and column.
/// </summary>
/// <remarks>DTDs and external entities are refused; comments and processing instructions are skipped.</remarks>
internal static partial class SsmlParser
{
    /// <summary>The SSML 1.1 namespace (elements may also be in no namespace).</summary>
    public const string SsmlNamespace = "http://www.w3.org/2001/10/synthesis";

    /// <summary>The namespace of VoiceFleet's own elements.</summary>
    public const string VoiceFleetNamespace = "urn:voicefleet:ssml";

    /// <summary>Deepest element nesting accepted (the reader recurses per level).</summary>
    public const int MaxDepth = 64;

    private const string Supported = "speak, p, s, break, prosody, emphasis, say-as, phoneme, sub and vf:emotion (xmlns:vf=\"urn:voicefleet:ssml\")";

    /// <summary>Parses <paramref name="input"/>.</summary>
    /// <param name="input">The SSML document (already checked by <see cref="InputValidator"/>).</param>
    /// <param name="maxTextChars">Most characters of text content allowed.</param>
    /// <param name="field">The request field, for messages.</param>
    public static TextDocument Parse(string input, int maxTextChars, string field = "ssml")
    {
        ArgumentNullException.ThrowIfNull(input);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = false,
            CloseInput = true,
        };
        var parser = new Parser(input, field);
        try
        {
            using var reader = XmlReader.Create(new StringReader(input), settings);
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                throw new TextInputException(field, "no root element; an SSML document starts with <speak>", 1, 1);
            }

            if (reader.LocalName != "speak" || !IsSsml(reader.NamespaceURI))
            {
                throw parser.At(reader, $"the root element is <{reader.Name}>; it must be <speak>");
            }

            parser.Element(reader, TextStyle.Plain);
            while (reader.Read())
            {
                // Only whitespace, comments and processing instructions may follow; XmlReader throws otherwise.
            }
        }
        catch (XmlException ex)
        {
            throw new TextInputException(field, CleanMessage(ex.Message), Math.Max(1, ex.LineNumber), Math.Max(1, ex.LinePosition));
        }

        if (parser.TextChars > maxTextChars)
        {
            throw new TextInputException(field, string.Create(CultureInfo.InvariantCulture, $"has {parser.TextChars} characters of text; the limit is {maxTextChars}"));
        }

        return new TextDocument(parser.Nodes, input, field);
    }

    private static bool IsSsml(string ns) => ns.Length == 0 || ns == SsmlNamespace;

    private static string CleanMessage(string message) => PositionSuffix().Replace(message, string.Empty).Trim();

    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$")]
    private static partial Regex PositionSuffix();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,31}$")]
    private static partial Regex EmotionLabel();

    private sealed class Parser(string input, string field)
    {
        private readonly int[] lineStarts = LineStarts(input);

        public List<IDocumentNode> Nodes { get; } = [];

        public int TextChars { get; private set; }

        public TextInputException At(XmlReader reader, string detail)
        {
            var info = (IXmlLineInfo)reader;
            // Element positions point at the name; the '<' is one column before.
            var column = reader.NodeType == XmlNodeType.Element ? Math.Max(1, info.LinePosition - 1) : info.LinePosition;
            return new TextInputException(field, detail, info.LineNumber, column);
        }

        /// <summary>Handles the element the reader is on, through its end.</summary>
        public void Element(XmlReader reader, TextStyle style)
        {
            if (reader.Depth > MaxDepth)
            {
                throw At(reader, string.Create(CultureInfo.InvariantCulture, $"elements are nested more than {MaxDepth} deep"));
            }

            var name = reader.LocalName;
            var ns = reader.NamespaceURI;
            var info = (IXmlLineInfo)reader;
            var (line, column) = (info.LineNumber, Math.Max(1, info.LinePosition - 1));
            style = style with { Language = EmptyToNull(reader.XmlLang) };

            if (ns == VoiceFleetNamespace)
            {
                if (name != "emotion")
                {
                    throw At(reader, $"element <{reader.Name}> is not one of VoiceFleet's; the only one is vf:emotion");
                }

                Content(reader, style with { Emotion = Emotion(reader) });
                return;
            }

            if (!IsSsml(ns))
            {
                throw At(reader, $"element <{reader.Name}> in namespace '{ns}' is not supported; supported: {Supported}");
            }

            switch (name)
            {
                case "speak":
                    if (Nodes.Count > 0 || reader.Depth > 0)
                    {
                        throw At(reader, "<speak> may only be the root element");
                    }

                    Content(reader, style);
                    break;
                case "p":
                    Nodes.Add(new DocumentBoundary(BoundaryKind.Paragraph, null, true));
                    Content(reader, style);
                    Nodes.Add(new DocumentBoundary(BoundaryKind.Paragraph, null, true));
                    break;
                case "s":
                    Nodes.Add(new DocumentBoundary(BoundaryKind.Sentence, null, true));
                    Content(reader, style);
                    Nodes.Add(new DocumentBoundary(BoundaryKind.Sentence, null, true));
                    break;
                case "break":
                    Nodes.Add(Break(reader));
                    break;
                case "prosody":
                    Content(reader, style with { Prosody = style.Prosody.Then(Prosody(reader)) });
                    break;
                case "emphasis":
                    var level = reader.GetAttribute("level") ?? "moderate";
                    if (level is not ("strong" or "moderate" or "none" or "reduced"))
                    {
                        throw At(reader, $"<emphasis level=\"{level}\">: level must be strong, moderate, none or reduced");
                    }

                    Content(reader, style with { Emphasis = level is "strong" or "moderate" });
                    break;
                case "say-as":
                    var sayAs = SayAs(reader);
                    TextOnly(reader, style with { SayAs = sayAs }, null, null);
                    break;
                case "phoneme":
                    var phonemes = Phoneme(reader, line, column);
                    TextOnly(reader, style, phonemes, null);
                    break;
                case "sub":
                    var alias = reader.GetAttribute("alias");
                    if (string.IsNullOrWhiteSpace(alias))
                    {
                        throw At(reader, "<sub> needs a non-empty alias attribute");
                    }

                    TextOnly(reader, style, null, alias);
                    break;
                default:
                    throw At(reader, $"element <{reader.Name}> is not supported; supported: {Supported}");
            }
        }

        private void Content(XmlReader reader, TextStyle style)
        {
            if (reader.IsEmptyElement)
            {
                return;
            }

            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        Element(reader, style);
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                        AddText(reader, style, null, null);
                        break;
                    case XmlNodeType.EndElement:
                        return;
                    default:
                        break;
                }
            }
        }

        /// <summary>say-as, phoneme and sub hold text only.</summary>
        private void TextOnly(XmlReader reader, TextStyle style, PhonemeOverride? phonemes, string? alias)
        {
            var element = reader.Name;
            if (reader.IsEmptyElement)
            {
                throw At(reader, $"<{element}> is empty; it must contain the text it applies to");
            }

            var builder = new MappedText.Builder();
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                        builder.Append(Map(reader));
                        break;
                    case XmlNodeType.Element:
                        throw At(reader, $"<{reader.Name}> inside <{element}>: <{element}> may only contain text");
                    case XmlNodeType.EndElement:
                        var content = builder.Build();
                        if (string.IsNullOrWhiteSpace(content.Text))
                        {
                            throw At(reader, $"<{element}> has no text; it must contain the text it applies to");
                        }

                        if (alias is not null)
                        {
                            TextChars += InputValidator.CodePointCount(alias);
                            var mapped = new MappedText.Builder().Append(alias, content.Range()).Build();
                            Nodes.Add(new DocumentText(mapped, style, null, null));
                        }
                        else
                        {
                            TextChars += InputValidator.CodePointCount(content.Text);
                            Nodes.Add(new DocumentText(content, style, phonemes, null));
                        }

                        return;
                    default:
                        break;
                }
            }
        }

        private void AddText(XmlReader reader, TextStyle style, PhonemeOverride? phonemes, IReadOnlyDictionary<int, string>? readings)
        {
            var text = Map(reader);
            if (text.Length == 0)
            {
                return;
            }

            TextChars += InputValidator.CodePointCount(text.Text);
            Nodes.Add(new DocumentText(text, style, phonemes, readings));
        }

        /// <summary>The current text node, each character mapped to its place in the input (entities to their whole reference).</summary>
        private MappedText Map(XmlReader reader)
        {
            var info = (IXmlLineInfo)reader;
            var value = reader.Value;
            var start = info.LineNumber - 1 < lineStarts.Length ? lineStarts[info.LineNumber - 1] + info.LinePosition - 1 : 0;
            var builder = new MappedText.Builder();
            var j = Math.Clamp(start, 0, input.Length);
            for (var k = 0; k < value.Length; k++)
            {
                var c = value[k];
                while (j < input.Length && input[j] == '\r' && c == '\n' && (j + 1 >= input.Length || input[j + 1] == '\n'))
                {
                    j++;
                }

                if (j < input.Length && input[j] == c)
                {
                    builder.Append(c.ToString(), new SourceRange(j, j + 1));
                    j++;
                }
                else if (j < input.Length && input[j] == '&' && input.IndexOf(';', j) is var semi and > 0 && semi - j <= 12)
                {
                    builder.Append(c.ToString(), new SourceRange(j, semi + 1));
                    if (char.IsHighSurrogate(c) && k + 1 < value.Length)
                    {
                        builder.Append(value[++k].ToString(), new SourceRange(j, semi + 1));
                    }

                    j = semi + 1;
                }
                else
                {
                    var at = Math.Min(j, Math.Max(0, input.Length - 1));
                    builder.Append(c.ToString(), new SourceRange(at, at + 1));
                }
            }

            return builder.Build();
        }

        private DocumentBoundary Break(XmlReader reader)
        {
            var time = reader.GetAttribute("time");
            var strength = reader.GetAttribute("strength");
            double seconds;
            var strong = false;
            if (time is not null)
            {
                seconds = SsmlValues.ParseTime(time)
                    ?? throw At(reader, FormattableString.Invariant($"<break time=\"{time}\">: write a time such as 500ms or 1.5s, at most {SsmlValues.MaxBreakSeconds} s"));
            }
            else if (strength is not null)
            {
                seconds = SsmlValues.StrengthSeconds(strength)
                    ?? throw At(reader, $"<break strength=\"{strength}\">: strength must be none, x-weak, weak, medium, strong or x-strong");
                strong = strength.Trim() is "strong" or "x-strong";
            }
            else
            {
                seconds = SsmlValues.StrengthSeconds("medium")!.Value;
            }

            if (!reader.IsEmptyElement)
            {
                var element = reader.Name;
                while (reader.Read() && reader.NodeType != XmlNodeType.EndElement)
                {
                    if (reader.NodeType is XmlNodeType.Element or XmlNodeType.Text or XmlNodeType.CDATA)
                    {
                        throw At(reader, $"<{element}> must be empty");
                    }
                }
            }

            return new DocumentBoundary(BoundaryKind.Break, seconds, strong || seconds >= SsmlValues.SentenceBreakSeconds);
        }

        private ProsodyMarks Prosody(XmlReader reader)
        {
            float? Parse(string attribute, Func<string, float?> parse, string expected)
            {
                var value = reader.GetAttribute(attribute);
                return value is null ? null : parse(value) ?? throw At(reader, $"<prosody {attribute}=\"{value}\">: {expected}");
            }

            var rate = Parse("rate", SsmlValues.ParseRate, "write x-slow, slow, medium, fast, x-fast, a percentage (80%, +10%) or a multiplier (0.5–4)");
            var pitch = Parse("pitch", SsmlValues.ParsePitch, "write x-low, low, medium, high, x-high, semitones (+2st, -3st, within ±24) or a relative percentage (+10%)");
            var volume = Parse("volume", SsmlValues.ParseVolume, "write silent, x-soft, soft, medium, loud, x-loud or decibels (+6dB, -3dB)");
            return SsmlValues.Marks(rate, pitch, volume);
        }

        private SayAs SayAs(XmlReader reader)
        {
            var kind = reader.GetAttribute("interpret-as");
            if (string.IsNullOrWhiteSpace(kind))
            {
                throw At(reader, "<say-as> needs an interpret-as attribute");
            }

            var normalized = kind.Trim() switch
            {
                "number" or "cardinal" => "cardinal",
                "spell-out" or "characters" or "verbatim" => "characters",
                "telephone" or "phone" => "telephone",
                var k => k,
            };
            if (!Documents.SayAs.Kinds.Contains(normalized))
            {
                throw At(reader, $"<say-as interpret-as=\"{kind}\"> is not supported; use one of {string.Join(", ", Documents.SayAs.Kinds)}");
            }

            var format = EmptyToNull(reader.GetAttribute("format"));
            return new SayAs(normalized, format);
        }

        private PhonemeOverride Phoneme(XmlReader reader, int line, int column)
        {
            var alphabet = reader.GetAttribute("alphabet");
            var ph = reader.GetAttribute("ph");
            if (string.IsNullOrWhiteSpace(ph))
            {
                throw At(reader, "<phoneme> needs a non-empty ph attribute");
            }

            var parsed = alphabet?.Trim() switch
            {
                "ipa" => PhonemeAlphabet.Ipa,
                "pinyin" or "x-pinyin" => PhonemeAlphabet.Pinyin,
                _ => throw At(reader, $"<phoneme alphabet=\"{alphabet}\">: alphabet must be ipa or pinyin"),
            };
            return new PhonemeOverride(parsed, ph, line, column);
        }

        private EmotionMark Emotion(XmlReader reader)
        {
            var label = EmptyToNull(reader.GetAttribute("name"));
            var description = EmptyToNull(reader.GetAttribute("description"));
            var strengthText = reader.GetAttribute("strength");
            if ((label is null) == (description is null))
            {
                throw At(reader, "<vf:emotion> needs exactly one of name (a label such as happy) or description");
            }

            if (label is not null && !EmotionLabel().IsMatch(label))
            {
                throw At(reader, $"<vf:emotion name=\"{label}\">: a label is lower case letters, digits, '_' or '-', e.g. happy");
            }

            float? strength = null;
            if (strengthText is not null)
            {
                strength = SsmlValues.ParseStrength(strengthText) ?? throw At(reader, $"<vf:emotion strength=\"{strengthText}\">: strength is a number from 0 to 1");
            }

            return new EmotionMark(label, description, strength);
        }

        private static string? EmptyToNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        private static int[] LineStarts(string text)
        {
            var starts = new List<int> { 0 };
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    starts.Add(i + 1);
                }
                else if (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))
                {
                    starts.Add(i + 1);
                }
            }

            return [.. starts];
        }
    }
}
