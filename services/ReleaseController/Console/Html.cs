using System.Globalization;
using System.Net;
using System.Text;

namespace VoiceFleet.ReleaseController.Console;

/// <summary>Small helpers for the server-rendered pages: encoding, numbers, and the layout every page shares.</summary>
internal static class Html
{
    public static readonly (string Page, string Title)[] Pages =
    [
        ("releases", "Releases"),
        ("compare", "Compare"),
        ("listen", "Listen"),
        ("playground", "Playground"),
    ];

    /// <summary>HTML-encodes text for element content and quoted attribute values.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>A number in the invariant culture.</summary>
    public static string N(double value, string format = "0.###") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "—";

    public static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Percent(int basisPoints) => N(basisPoints / 100.0, "0.##") + " %";

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The whole page around <paramref name="main"/>: navigation, who is signed in, the script and style sheet.</summary>
    public static string Layout(string page, string title, ConsoleCaller caller, string main, string bodyData = "")
    {
        var html = new StringBuilder(main.Length + 2048);
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" · VoiceFleet console</title>")
            .Append("<link rel=\"stylesheet\" href=\"/console/static/console.css\">")
            .Append("<script src=\"/console/static/console.js\" defer></script></head>\n")
            .Append("<body data-page=\"").Append(page).Append('"').Append(bodyData).Append('>')
            .Append("<a class=\"skip\" href=\"#main\">Skip to content</a>")
            .Append("<header class=\"top\"><span class=\"brand\">VoiceFleet</span><nav aria-label=\"Console pages\"><ul>");
        foreach (var (name, label) in Pages)
        {
            html.Append("<li><a href=\"/console/").Append(name).Append('"')
                .Append(name == page ? " aria-current=\"page\"" : string.Empty)
                .Append('>').Append(label).Append("</a></li>");
        }

        var roles = caller.Roles.Count == 0 ? "read-only" : string.Join(", ", caller.Roles.Order(StringComparer.Ordinal));
        html.Append("</ul></nav><span class=\"who\" data-testid=\"caller\">")
            .Append(E(caller.Id)).Append(" · ").Append(E(roles)).Append("</span></header>\n")
            .Append("<main id=\"main\" tabindex=\"-1\"><h1>").Append(E(title)).Append("</h1>\n")
            .Append(main)
            .Append("</main></body></html>\n");
        return html.ToString();
    }
}
