using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Prometheus.Engine.Configuration;
using Prometheus.Web.Configuration;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Hosting;

/// <summary>
/// The page at "/" until the dashboard lands: the engine's state as it is now, the mode, and where the JSON API is.
/// It claims nothing the host does not do, and shows no figure that needs the admin token.
/// </summary>
public static class HomePage
{
    public static IResult Render(EngineRuntime runtime, EngineOptions engine, IOptions<PaperOptions> paper)
    {
        var status = runtime.Status;
        var data = WebUtility.HtmlEncode(Path.GetFileName(paper.Value.DataPath));
        var state = WebUtility.HtmlEncode(runtime.Failure is null ? status.State.ToString() : "Failed");
        var html = string.Create(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Prometheus</title></head>
            <body>
            <h1>Prometheus</h1>
            <p>State: <strong>{state}</strong>. Mode: <strong>{WebUtility.HtmlEncode(status.Mode)}</strong>
               ({(status.Mode == "paper" ? $"the simulated exchange replaying {data} at {paper.Value.BarsPerSecond:0.##} bars/s" : "OKX through the V5 gateway")}),
               {engine.Agents.Initial} agents at a first start (at most {engine.Agents.Max}).</p>
            <p>The dashboard is not built yet. The JSON API is under <code>/api</code> (status, agents, valhalla, trades, recovery,
               ledger/verify; controls: recovery/confirm, trading/pause, trading/resume, trading/close-all) and needs
               <code>Authorization: Bearer &lt;admin token&gt;</code>.</p>
            <p>Health: <a href="/healthz">/healthz</a></p>
            </body>
            </html>
            """);
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
