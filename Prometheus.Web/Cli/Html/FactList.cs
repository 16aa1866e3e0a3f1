using System.Text;
using static Prometheus.Web.Cli.Html.HtmlFormat;

namespace Prometheus.Web.Cli.Html;

/// <summary>Labelled facts as a two-column definition list (one column on a phone).</summary>
internal sealed class FactList
{
    private readonly StringBuilder _items = new();

    /// <summary>A fact whose label and value are plain text (both escaped).</summary>
    public FactList Add(string label, string value) => AddHtml(label, E(value));

    /// <summary>A fact whose value is HTML the caller has escaped.</summary>
    public FactList AddHtml(string label, string valueHtml)
    {
        _items.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(valueHtml).Append("</dd>\n");
        return this;
    }

    public string Render() => $"<dl class=\"facts\">\n{_items}</dl>\n";
}
