using System.Text;
using static Prometheus.Web.Cli.Html.HtmlFormat;

namespace Prometheus.Web.Cli.Html;

/// <summary>One table cell: its inner HTML (already escaped), how many columns it spans, and how it is aligned.</summary>
internal readonly record struct Cell(string Html, int Span = 1, bool Numeric = false, bool RowHeader = false, string? Class = null)
{
    /// <summary>A text cell (escaped), left-aligned.</summary>
    public static Cell Text(string text) => new(E(text));

    /// <summary>A figure (escaped), right-aligned.</summary>
    public static Cell Num(string text, string? cssClass = null) => new(E(text), Numeric: true, Class: cssClass);

    /// <summary>A row's label: a header cell for its row.</summary>
    public static Cell Label(string text) => new(E(text), RowHeader: true);

    /// <summary>A figure with a second, smaller line under it (both escaped), right-aligned.</summary>
    public static Cell Stacked(string main, string sub, string? cssClass = null) =>
        new($"<span class=\"main\">{E(main)}</span><span class=\"sub\">{E(sub)}</span>", Numeric: true, Class: cssClass);

    /// <summary>A text with a second, smaller line under it (both escaped), left-aligned.</summary>
    public static Cell StackedText(string main, string sub) =>
        new($"<span class=\"main\">{E(main)}</span><span class=\"sub\">{E(sub)}</span>");

    /// <summary>A cell of HTML the caller has escaped.</summary>
    public static Cell Raw(string html, bool numeric = false) => new(html, Numeric: numeric);
}

/// <summary>
/// A table built row by row, wrapped so a narrow screen scrolls it sideways instead of squeezing it. The header rows
/// are column headers; a <see cref="Cell.Label"/> heads its row.
/// </summary>
internal sealed class HtmlTable(string? caption = null, string? cssClass = null)
{
    private readonly StringBuilder _head = new();
    private readonly StringBuilder _body = new();

    public HtmlTable Header(params Cell[] cells)
    {
        _head.Append("<tr>");
        foreach (var cell in cells) Append(_head, "th", cell, " scope=\"col\"");
        _head.Append("</tr>\n");
        return this;
    }

    public HtmlTable Row(params Cell[] cells) => Row(null, cells);

    public HtmlTable Row(string? rowClass, params Cell[] cells)
    {
        _body.Append(rowClass is null ? "<tr>" : $"<tr class=\"{E(rowClass)}\">");
        foreach (var cell in cells)
        {
            if (cell.RowHeader) Append(_body, "th", cell, " scope=\"row\"");
            else Append(_body, "td", cell, "");
        }
        _body.Append("</tr>\n");
        return this;
    }

    public string Render()
    {
        var html = new StringBuilder("<div class=\"table-wrap\"><table");
        if (cssClass is not null) html.Append($" class=\"{E(cssClass)}\"");
        html.Append(">\n");
        if (caption is not null) html.Append($"<caption>{E(caption)}</caption>\n");
        if (_head.Length > 0) html.Append("<thead>\n").Append(_head).Append("</thead>\n");
        html.Append("<tbody>\n").Append(_body).Append("</tbody>\n</table></div>\n");
        return html.ToString();
    }

    private static void Append(StringBuilder html, string tag, Cell cell, string scope)
    {
        var classes = string.Join(' ', new[] { cell.Numeric ? "num" : null, cell.Class }.Where(c => c is not null));
        html.Append('<').Append(tag).Append(scope);
        if (cell.Span > 1) html.Append(" colspan=\"").Append(Count(cell.Span)).Append('"');
        if (classes.Length > 0) html.Append(" class=\"").Append(E(classes)).Append('"');
        html.Append('>').Append(cell.Html).Append("</").Append(tag).Append('>');
    }
}
