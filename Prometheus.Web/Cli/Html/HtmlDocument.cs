using static Prometheus.Web.Cli.Html.HtmlFormat;

namespace Prometheus.Web.Cli.Html;

/// <summary>
/// The page around a report: one self-contained file, its style inline, nothing fetched when it is opened (no script,
/// no font, no stylesheet from elsewhere). A light theme in a column that fits a laptop and a phone.
/// </summary>
internal static class HtmlDocument
{
    public static string Render(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)}</title>
        <style>
        {Style}
        </style>
        </head>
        <body>
        <main>
        {body}
        </main>
        </body>
        </html>

        """;

    /// <summary>A section with its heading (escaped) and its content (HTML the caller has escaped).</summary>
    public static string Section(string heading, string content, string? id = null) =>
        $"<section{(id is null ? "" : $" id=\"{E(id)}\"")}>\n<h2>{E(heading)}</h2>\n{content}</section>\n";

    /// <summary>A paragraph of plain text (escaped), muted.</summary>
    public static string Note(string text) => $"<p class=\"note\">{E(text)}</p>\n";

    /// <summary>Headline figures as tiles: a label (escaped), a value (escaped) and an optional comparison line (escaped).</summary>
    public static string Tiles(params (string Label, string Value, string? Sub)[] tiles)
    {
        var items = tiles.Select(t =>
            $"<div class=\"tile\"><div class=\"tile-label\">{E(t.Label)}</div><div class=\"tile-value\">{E(t.Value)}</div>"
            + (t.Sub is null ? "" : $"<div class=\"tile-sub\">{E(t.Sub)}</div>") + "</div>");
        return $"<div class=\"tiles\">{string.Concat(items)}</div>\n";
    }

    private const string Style = """
        :root { --ink: #1b2230; --muted: #5d6778; --line: #dfe3ea; --page: #f4f6f9; --card: #ffffff; --accent: #1f5fbf;
          --good: #1d7a46; --warn: #a35c00; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: var(--page); color: var(--ink);
          font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1080px; margin: 0 auto; padding: 28px 16px 56px; }
        header { margin-bottom: 18px; }
        h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 4px; overflow-wrap: anywhere; }
        h2 { font-size: 1.2rem; margin: 0 0 14px; }
        h3 { font-size: 1rem; margin: 20px 0 8px; }
        .subtitle { color: var(--muted); margin: 0; overflow-wrap: anywhere; font-size: .9rem; }
        section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 22px 24px; margin: 18px 0; }
        .verdict { background: var(--card); border: 1px solid var(--line); border-left: 6px solid var(--warn); border-radius: 10px;
          padding: 20px 24px; margin: 18px 0; }
        .verdict.good { border-left-color: var(--good); }
        .verdict .kicker { text-transform: uppercase; letter-spacing: .06em; font-size: .75rem; font-weight: 700; color: var(--muted); margin: 0 0 6px; }
        .verdict p.text { font-size: 1.25rem; line-height: 1.5; margin: 0 0 16px; font-weight: 500; }
        .verdict .facts { margin: 0; }
        .warning { color: var(--warn); font-weight: 600; }
        .note { color: var(--muted); font-size: .9rem; margin: 10px 0 0; }
        p { margin: 0 0 10px; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 20px; margin: 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85rem; overflow-wrap: anywhere; }
        .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin: 18px 0; }
        .tile { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; }
        .tile-label { color: var(--muted); font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; }
        .tile-value { font-size: 1.5rem; font-weight: 650; font-variant-numeric: tabular-nums; }
        .tile-sub { color: var(--muted); font-size: .85rem; }
        .table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: .9rem; }
        caption { text-align: left; color: var(--muted); font-size: .85rem; padding-bottom: 6px; }
        th, td { padding: 7px 10px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; vertical-align: top; }
        thead th { font-weight: 600; color: var(--muted); font-size: .8rem; border-bottom: 2px solid var(--line); vertical-align: bottom; }
        thead th.group { text-align: center; border-bottom: 1px solid var(--line); }
        tbody th { font-weight: 600; }
        table.windows th, table.windows td { padding: 7px 7px; }
        table.windows thead th { white-space: normal; }
        table.metrics tbody th { white-space: normal; min-width: 8em; }
        table.narrow { width: auto; min-width: min(100%, 440px); }
        .num { text-align: right; }
        td.strong { font-weight: 650; }
        td.strong .sub { font-weight: 400; }
        td .main, td .sub { display: block; }
        td .sub { color: var(--muted); font-size: .78rem; }
        tr.highlight td, tr.highlight th { background: #eef4ff; }
        tr.beats th, tr.beats td { border-top: 2px solid var(--line); border-bottom: none; }
        tr.beats td .main { font-weight: 650; }
        td.beaten { background: #eaf6ee; }
        .tag { display: inline-block; font-size: .7rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em;
          color: var(--accent); border: 1px solid currentColor; border-radius: 4px; padding: 0 5px; margin-left: 6px; vertical-align: 1px; }
        figure { margin: 0; }
        .chart { overflow-x: auto; -webkit-overflow-scrolling: touch; }
        .chart svg { display: block; width: 100%; min-width: 560px; height: auto; }
        .chart text { font-size: 13px; fill: #5d6778; font-family: inherit; }
        .chart text.label { fill: #1b2230; font-weight: 600; }
        .chart text.row-label { font-size: 13px; }
        .chart .grid { stroke: #e8ebf0; stroke-width: 1; }
        .chart .base { stroke: #9aa3b2; stroke-width: 1.2; }
        .chart .divider { stroke: #c3cad6; stroke-width: 1; stroke-dasharray: 3 4; }
        figcaption { color: var(--muted); font-size: .85rem; margin-top: 8px; }
        ul.legend { list-style: none; padding: 0; margin: 0 0 10px; display: flex; flex-wrap: wrap; gap: 6px 22px; font-size: .9rem; }
        ul.legend li { display: flex; align-items: center; gap: 8px; }
        ul.legend svg { flex: none; }
        ul.legend .sub { color: var(--muted); font-size: .8rem; }
        @media (max-width: 640px) {
          main { padding: 16px 10px 40px; }
          section, .verdict { padding: 16px 14px; }
          h1 { font-size: 1.35rem; }
          .verdict p.text { font-size: 1.08rem; }
          dl.facts { grid-template-columns: 1fr; gap: 0; }
          dl.facts dd { margin-bottom: 8px; }
          .chart svg { min-width: 600px; }
          .chart text { font-size: 15px; }
          .chart text.row-label { font-size: 13px; }
        }
        @media print { body { background: #fff; } section, .verdict { break-inside: avoid; } }
        """;
}
