namespace VoiceFleet.Text;

/// <summary>
/// Input the frontend cannot read: empty or too long text, forbidden characters, malformed SSML, unknown phonemes, an
/// unsupported language. The service answers INVALID_ARGUMENT with <see cref="Exception.Message"/>, which names the
/// request field and, for SSML and positions in text, the line and column.
/// </summary>
public sealed class TextInputException : Exception
{
    /// <summary>Creates the exception for a problem in <paramref name="field"/>.</summary>
    /// <param name="field">The request field, e.g. <c>text</c>, <c>ssml</c>, <c>language</c>.</param>
    /// <param name="detail">What is wrong, without the field name.</param>
    /// <param name="line">1-based line of the problem in the field's string, when it has a position.</param>
    /// <param name="column">1-based column (in UTF-16 code units, as XML parsers count) of the problem.</param>
    public TextInputException(string field, string detail, int? line = null, int? column = null)
        : base(Format(field, detail, line, column))
    {
        Field = field;
        Detail = detail;
        Line = line;
        Column = column;
    }

    /// <summary>Required by CA1032; prefer the constructor that names the field.</summary>
    public TextInputException()
        : this("input", "invalid input")
    {
    }

    /// <summary>Required by CA1032; prefer the constructor that names the field.</summary>
    public TextInputException(string message)
        : this("input", message)
    {
    }

    /// <summary>Required by CA1032; prefer the constructor that names the field.</summary>
    public TextInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "input";
        Detail = message;
    }

    /// <summary>The request field the problem is in.</summary>
    public string Field { get; } = "input";

    /// <summary>The problem, without field or position.</summary>
    public string Detail { get; } = "";

    /// <summary>1-based line, when the problem has a position.</summary>
    public int? Line { get; }

    /// <summary>1-based column, when the problem has a position.</summary>
    public int? Column { get; }

    private static string Format(string field, string detail, int? line, int? column) =>
        line is { } l && column is { } c
            ? FormattableString.Invariant($"{field}: line {l}, column {c}: {detail}")
            : $"{field}: {detail}";
}
