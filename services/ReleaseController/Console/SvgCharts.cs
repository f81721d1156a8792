using System.Text;
using static VoiceFleet.ReleaseController.Console.Html;

namespace VoiceFleet.ReleaseController.Console;

/// <summary>One bar group of a chart: a category (an emotion) and one value per series (version), NaN = none.</summary>
internal sealed record ChartRow(string Category, double[] Values);

/// <summary>
/// Horizontal grouped bar charts drawn on the server as inline SVG. Every bar carries its series name and value at its
/// end, so the chart reads without a legend; the scale starts at zero (or at the chart's fixed minimum) and its ticks
/// are printed. Series are told apart by colour and by fill pattern (solid, hatched) for readers who do not see colour.
/// </summary>
internal static class SvgCharts
{
    private const int LabelWidth = 120;
    private const int BarHeight = 16;
    private const int RowGap = 10;
    private const int PlotWidth = 420;
    private const int ValueRoom = 130;

    public static string Bars(string id, string title, string unit, IReadOnlyList<string> series, IReadOnlyList<ChartRow> rows, double? fixedMax = null, string format = "0.###")
    {
        var finite = rows.SelectMany(r => r.Values).Where(double.IsFinite).ToArray();
        var min = Math.Min(0, finite.Length == 0 ? 0 : finite.Min());
        var max = fixedMax ?? (finite.Length == 0 ? 1 : Math.Max(finite.Max(), min + 1e-9));
        if (max <= min)
        {
            max = min + 1;
        }

        var groupHeight = (series.Count * BarHeight) + RowGap;
        var height = 28 + (rows.Count * groupHeight) + 24;
        var width = LabelWidth + PlotWidth + ValueRoom;
        double X(double v) => LabelWidth + ((Math.Clamp(v, min, max) - min) / (max - min) * PlotWidth);

        var svg = new StringBuilder(4096);
        svg.Append(F($"<figure class=\"chart\" id=\"{id}\"><svg viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-t\" preserveAspectRatio=\"xMinYMin meet\">"))
            .Append("<title id=\"").Append(id).Append("-t\">").Append(E(title)).Append("</title>")
            .Append(F($"<defs><pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" class=\"s1\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"hatch\"/></pattern></defs>"))
            .Append(F($"<text x=\"0\" y=\"16\" class=\"ctitle\">{E(title)}{(unit.Length > 0 ? " (" + E(unit) + ")" : string.Empty)}</text>"));

        // Ticks: min, middle, max.
        foreach (var tick in new[] { min, (min + max) / 2, max })
        {
            var x = X(tick);
            svg.Append(F($"<line x1=\"{x:0.#}\" y1=\"24\" x2=\"{x:0.#}\" y2=\"{height - 20}\" class=\"grid\"/>"))
                .Append(F($"<text x=\"{x:0.#}\" y=\"{height - 6}\" class=\"tick\" text-anchor=\"middle\">{N(tick, format)}</text>"));
        }

        var y = 28;
        foreach (var row in rows)
        {
            svg.Append(F($"<text x=\"{LabelWidth - 6}\" y=\"{y + (series.Count * BarHeight / 2) + 4}\" class=\"cat\" text-anchor=\"end\">{E(row.Category)}</text>"));
            for (var s = 0; s < series.Count; s++)
            {
                var value = s < row.Values.Length ? row.Values[s] : double.NaN;
                var top = y + (s * BarHeight);
                var x0 = X(Math.Max(min, Math.Min(0, max)));
                var label = E(series[s]) + " " + N(value, format);
                if (double.IsFinite(value))
                {
                    var x1 = X(value);
                    var left = Math.Min(x0, x1);
                    var barWidth = Math.Max(1, Math.Abs(x1 - x0));
                    var fill = s == 0 ? " class=\"s0\"" : F($" fill=\"url(#{id}-hatch)\" class=\"s1b\"");
                    svg.Append(F($"<rect x=\"{left:0.#}\" y=\"{top + 1}\" width=\"{barWidth:0.#}\" height=\"{BarHeight - 3}\"{fill}><title>{label}</title></rect>"))
                        .Append(F($"<text x=\"{Math.Max(x0, x1) + 4:0.#}\" y=\"{top + BarHeight - 4}\" class=\"val\">{label}</text>"));
                }
                else
                {
                    svg.Append(F($"<text x=\"{x0 + 4:0.#}\" y=\"{top + BarHeight - 4}\" class=\"val\">{E(series[s])} no data</text>"));
                }
            }

            y += groupHeight;
        }

        svg.Append("</svg></figure>");
        return svg.ToString();
    }
}
