using System.Text;
using static Prometheus.Web.Cli.Html.HtmlFormat;

namespace Prometheus.Web.Cli.Html;

/// <summary>One line of a chart: a value per x position (non-finite values break the line).</summary>
internal sealed record ChartLine(string Name, string Key, string Color, IReadOnlyList<double> Values, bool Dashed = false, bool Bold = false);

/// <summary>
/// A line chart as inline SVG with an HTML legend: points evenly spaced along x (consecutive days; a gap between
/// days is not drawn), dated ticks under them, a y axis, a reference line, and dotted verticals at given positions.
/// The SVG scales with its viewBox; on a narrow screen it keeps a minimum width and scrolls.
/// </summary>
internal static class SvgLineChart
{
    private const double Width = 860, Height = 390, Left = 58, Right = 20, Top = 14, Bottom = 42;

    /// <param name="days">The x position's date of each point.</param>
    /// <param name="lines">In the legend's order; the first is drawn last, on top of the others.</param>
    /// <param name="reference">A value drawn as a darker horizontal line (the start, 1).</param>
    /// <param name="dividers">Indices of points before which a dotted vertical is drawn.</param>
    /// <param name="yTitle">The y axis' title.</param>
    /// <param name="description">What the chart shows, for a screen reader.</param>
    public static string Render(IReadOnlyList<DateTimeOffset> days, IReadOnlyList<ChartLine> lines, double reference,
        IReadOnlyList<int> dividers, string yTitle, string description)
    {
        var n = days.Count;
        var y = NiceScale.Covering(lines.SelectMany(l => l.Values).Append(reference), 6);
        double plotLeft = Left, plotRight = Width - Right, plotTop = Top, plotBottom = Height - Bottom;
        double X(int i) => n <= 1 ? (plotLeft + plotRight) / 2 : plotLeft + i * (plotRight - plotLeft) / (n - 1);
        double Y(double v) => y.Map(v, plotBottom, plotTop);

        var svg = new StringBuilder();
        svg.Append($"<svg class=\"line-chart\" viewBox=\"0 0 {Coord(Width)} {Coord(Height)}\" role=\"img\" aria-label=\"{E(description)}\">\n");
        svg.Append($"<title>{E(description)}</title>\n");

        // Horizontal grid and y labels.
        foreach (var tick in y.Ticks())
        {
            var ty = Y(tick);
            svg.Append($"<line class=\"grid\" x1=\"{Coord(plotLeft)}\" x2=\"{Coord(plotRight)}\" y1=\"{Coord(ty)}\" y2=\"{Coord(ty)}\"/>");
            svg.Append($"<text x=\"{Coord(plotLeft - 8)}\" y=\"{Coord(ty + 4)}\" text-anchor=\"end\">{E(Tick(tick, y.Decimals))}</text>\n");
        }

        // Window starts, then the reference line.
        foreach (var d in dividers.Where(d => d > 0 && d < n))
        {
            var dx = (X(d - 1) + X(d)) / 2;
            svg.Append($"<line class=\"divider\" x1=\"{Coord(dx)}\" x2=\"{Coord(dx)}\" y1=\"{Coord(plotTop)}\" y2=\"{Coord(plotBottom)}\"/>\n");
        }
        svg.Append($"<line class=\"base\" x1=\"{Coord(plotLeft)}\" x2=\"{Coord(plotRight)}\" y1=\"{Coord(Y(reference))}\" y2=\"{Coord(Y(reference))}\"/>\n");

        // Dated x ticks: about six, the first and the last among them.
        if (n > 0)
        {
            var count = Math.Min(n, 6);
            var ticks = Enumerable.Range(0, count).Select(k => count == 1 ? 0 : (int)Math.Round(k * (n - 1) / (double)(count - 1))).Distinct();
            foreach (var i in ticks)
            {
                var tx = X(i);
                var anchor = n > 1 && i == 0 ? "start" : n > 1 && i == n - 1 ? "end" : "middle";
                svg.Append($"<line class=\"base\" x1=\"{Coord(tx)}\" x2=\"{Coord(tx)}\" y1=\"{Coord(plotBottom)}\" y2=\"{Coord(plotBottom + 5)}\"/>");
                svg.Append($"<text x=\"{Coord(tx)}\" y=\"{Coord(plotBottom + 22)}\" text-anchor=\"{anchor}\">{E(HtmlFormat.Day(days[i]))}</text>\n");
            }
        }
        svg.Append($"<line class=\"base\" x1=\"{Coord(plotLeft)}\" x2=\"{Coord(plotRight)}\" y1=\"{Coord(plotBottom)}\" y2=\"{Coord(plotBottom)}\"/>\n");
        svg.Append($"<text x=\"14\" y=\"{Coord((plotTop + plotBottom) / 2)}\" text-anchor=\"middle\" "
            + $"transform=\"rotate(-90 14 {Coord((plotTop + plotBottom) / 2)})\">{E(yTitle)}</text>\n");

        // The lines, each finite run of points one polyline.
        foreach (var line in lines.Reverse())
        {
            var dash = line.Dashed ? " stroke-dasharray=\"7 5\"" : "";
            var width = line.Bold ? "2.6" : "1.6";
            var points = new List<string>();
            void Flush()
            {
                if (points.Count == 0) return;
                svg.Append($"<polyline class=\"series\" data-series=\"{E(line.Key)}\" fill=\"none\" stroke=\"{E(line.Color)}\" stroke-width=\"{width}\" "
                    + $"stroke-linejoin=\"round\" stroke-linecap=\"round\"{dash} points=\"{string.Join(' ', points)}\"/>\n");
                points.Clear();
            }
            for (var i = 0; i < Math.Min(n, line.Values.Count); i++)
            {
                var v = line.Values[i];
                if (double.IsFinite(v)) points.Add($"{Coord(X(i))},{Coord(Y(v))}");
                else Flush();
            }
            Flush();
        }
        svg.Append("</svg>\n");

        return Legend(lines) + $"<div class=\"chart\">\n{svg}</div>\n";
    }

    /// <summary>The legend: each line's swatch, its name and where it ended.</summary>
    private static string Legend(IReadOnlyList<ChartLine> lines)
    {
        var html = new StringBuilder("<ul class=\"legend\">\n");
        foreach (var line in lines)
        {
            var last = line.Values.LastOrDefault(double.IsFinite, double.NaN);
            var dash = line.Dashed ? " stroke-dasharray=\"6 4\"" : "";
            html.Append($"<li><svg width=\"30\" height=\"10\" viewBox=\"0 0 30 10\" aria-hidden=\"true\"><line x1=\"1\" y1=\"5\" x2=\"29\" y2=\"5\" "
                + $"stroke=\"{E(line.Color)}\" stroke-width=\"{(line.Bold ? "3.5" : "2.5")}\"{dash}/></svg>"
                + $"<span>{E(line.Name)}</span><span class=\"sub\">end {E(Ratio(last))}</span></li>\n");
        }
        return html.Append("</ul>\n").ToString();
    }
}
