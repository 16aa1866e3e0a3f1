using System.Net;
using Microsoft.Extensions.Options;
using Prometheus.Engine.Configuration;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Hosting;

/// <summary>
/// The placeholder page at "/" until the dashboard lands: the name, the state and the configuration
/// the engine would start with. It claims nothing the host does not do.
/// </summary>
public static class HomePage
{
    public static IResult Render(EngineOptions engine, IOptions<PaperOptions> paper)
    {
        var data = WebUtility.HtmlEncode(Path.GetFileName(paper.Value.DataPath));
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Prometheus</title></head>
            <body>
            <h1>Prometheus</h1>
            <p>State: <strong>Idle</strong> &mdash; the host is up; the trading engine is not started by this build yet.</p>
            <p>Mode: paper (simulated exchange), replaying {data} at {paper.Value.BarsPerSecond:0.##} bars/s,
               {engine.Agents.Initial} agents at start (at most {engine.Agents.Max}).</p>
            <p>Health: <a href="/healthz">/healthz</a></p>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
