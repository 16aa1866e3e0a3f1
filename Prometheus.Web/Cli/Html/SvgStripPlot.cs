using System.Text;
using Prometheus.Engine.Research;
using static Prometheus.Web.Cli.Html.HtmlFormat;

namespace Prometheus.Web.Cli.Html;

/// <summary>
/// One row of a strip plot: a value per seed (in the report's seed order), the row's spread over seeds, and the
/// index of the seed to ring (the median seed), if any.
/// </summary>
internal sealed record StripRow(string Name, string Key, string Color, IReadOnlyList<double> Values, Spread Spread, int? Ringed);

/// <summary>
/// A strip plot as inline SVG: one row per model, one dot per seed, jittered up and down deterministically (the seed's
/// position in the golden-ratio sequence) so equal values stay visible; a pale band from the 10th to the 90th
/// percentile and a dark bar at the median; a shared x axis with a line at zero.
/// </summary>
internal static class SvgStripPlot
{
    private const double Width = 860, Left = 180, Right = 84, Top = 10, RowHeight = 50, Bottom = 46;

    /// <param name="dotNames">Each dot's name by its index in the rows' values (a seed), shown on hover.</param>
    public static string Render(IReadOnlyList<StripRow> rows, IReadOnlyList<string> dotNames, string xTitle, string description)
    {
        var height = Top + rows.Count * RowHeight + Bottom;
        var values = rows.SelectMany(r => r.Values.Concat([r.Spread.P10, r.Spread.P90, r.Spread.Median])).Where(double.IsFinite).Append(0).ToList();
        // A little room beyond the extremes so no dot sits on the frame.
        var pad = (values.Max() - values.Min()) * 0.03;
        var x = NiceScale.Covering([.. values, values.Min() - pad, values.Max() + pad], 8);
        double plotLeft = Left, plotRight = Width - Right, plotTop = Top, plotBottom = height - Bottom;
        double X(double v) => x.Map(v, plotLeft, plotRight);

        var svg = new StringBuilder();
        svg.Append($"<svg class=\"strip-plot\" viewBox=\"0 0 {Coord(Width)} {Coord(height)}\" role=\"img\" aria-label=\"{E(description)}\">\n");
        svg.Append($"<title>{E(description)}</title>\n");

        foreach (var tick in x.Ticks())
        {
            var tx = X(tick);
            var cls = Math.Abs(tick) < x.Step * 1e-6 ? "base" : "grid";
            svg.Append($"<line class=\"{cls}\" x1=\"{Coord(tx)}\" x2=\"{Coord(tx)}\" y1=\"{Coord(plotTop)}\" y2=\"{Coord(plotBottom)}\"/>");
            svg.Append($"<text x=\"{Coord(tx)}\" y=\"{Coord(plotBottom + 20)}\" text-anchor=\"middle\">{E(Tick(tick, x.Decimals))}</text>\n");
        }
        svg.Append($"<line class=\"base\" x1=\"{Coord(plotLeft)}\" x2=\"{Coord(plotRight)}\" y1=\"{Coord(plotBottom)}\" y2=\"{Coord(plotBottom)}\"/>\n");
        svg.Append($"<text x=\"{Coord((plotLeft + plotRight) / 2)}\" y=\"{Coord(plotBottom + 40)}\" text-anchor=\"middle\">{E(xTitle)}</text>\n");
        svg.Append($"<text x=\"{Coord(plotRight + 10)}\" y=\"{Coord(plotTop + 2)}\" dy=\"10\" text-anchor=\"start\">median</text>\n");

        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var center = plotTop + r * RowHeight + RowHeight / 2;
            var color = E(row.Color);
            svg.Append($"<g class=\"strip\" data-series=\"{E(row.Key)}\">\n");
            svg.Append($"<text class=\"label row-label\" x=\"{Coord(plotLeft - 12)}\" y=\"{Coord(center + 4.5)}\" text-anchor=\"end\">{E(row.Name)}</text>\n");
            if (double.IsFinite(row.Spread.P10) && double.IsFinite(row.Spread.P90))
            {
                var from = X(Math.Min(row.Spread.P10, row.Spread.P90));
                svg.Append($"<rect x=\"{Coord(from)}\" y=\"{Coord(center - RowHeight * 0.34)}\" width=\"{Coord(Math.Max(1, X(Math.Max(row.Spread.P10, row.Spread.P90)) - from))}\" "
                    + $"height=\"{Coord(RowHeight * 0.68)}\" rx=\"4\" fill=\"{color}\" fill-opacity=\"0.13\"/>\n");
            }
            if (double.IsFinite(row.Spread.Median))
            {
                var mx = X(row.Spread.Median);
                svg.Append($"<line class=\"median\" x1=\"{Coord(mx)}\" x2=\"{Coord(mx)}\" y1=\"{Coord(center - RowHeight * 0.4)}\" "
                    + $"y2=\"{Coord(center + RowHeight * 0.4)}\" stroke=\"#1b2230\" stroke-width=\"3\" stroke-linecap=\"round\"/>\n");
            }
            svg.Append($"<text x=\"{Coord(plotRight + 10)}\" y=\"{Coord(center + 4.5)}\" text-anchor=\"start\" class=\"label\">{E(Ratio(row.Spread.Median))}</text>\n");

            // The ringed dot last, so it is on top.
            var order = Enumerable.Range(0, row.Values.Count).OrderBy(i => i == row.Ringed ? 1 : 0).ThenBy(i => i);
            foreach (var i in order)
            {
                var v = row.Values[i];
                if (!double.IsFinite(v)) continue;
                var jitter = (Fraction(i * 0.6180339887498949 + 0.5) - 0.5) * RowHeight * 0.56;
                var ringed = i == row.Ringed;
                svg.Append($"<circle class=\"dot{(ringed ? " ringed" : "")}\" cx=\"{Coord(X(v))}\" cy=\"{Coord(center + jitter)}\" r=\"{(ringed ? "6.5" : "5")}\" "
                    + $"fill=\"{color}\" fill-opacity=\"{(ringed ? "1" : "0.7")}\" stroke=\"{(ringed ? "#1b2230" : "#ffffff")}\" "
                    + $"stroke-width=\"{(ringed ? "2" : "1")}\"><title>{E(i < dotNames.Count ? $"{dotNames[i]}: {Ratio(v)}" : Ratio(v))}</title></circle>\n");
            }
            svg.Append("</g>\n");
        }
        svg.Append("</svg>\n");
        return $"<div class=\"chart\">\n{svg}</div>\n";
    }

    private static double Fraction(double value) => value - Math.Floor(value);
}
