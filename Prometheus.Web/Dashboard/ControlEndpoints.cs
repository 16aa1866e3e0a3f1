using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using Prometheus.Web.Security;

namespace Prometheus.Web.Dashboard;

/// <summary>
/// The dashboard's controls as form POSTs: signed in (cookie), antiforgery token checked, then the command, then a
/// redirect back to the page with the outcome (post/redirect/get, so a reload never repeats a control).
/// Form fields: returnUrl (a local path) and the control's own (itemId, choice, agentId).
/// </summary>
public static class ControlEndpoints
{
    public const string Prefix = "/controls";
    public const string OutcomeQuery = "outcome";

    public static IEndpointRouteBuilder MapDashboardControls(this IEndpointRouteBuilder app)
    {
        var controls = app.MapGroup(Prefix).RequireAuthorization().DisableAntiforgery();
        controls.MapPost("/recovery/confirm", (HttpContext h, DashboardControls c) => RunAsync(h, (a, _) => c.ConfirmAsync(a)));
        controls.MapPost("/trading/pause", (HttpContext h, DashboardControls c) => RunAsync(h, (a, _) => c.PauseAsync(a)));
        controls.MapPost("/trading/resume", (HttpContext h, DashboardControls c) => RunAsync(h, (a, _) => c.ResumeAsync(a)));
        controls.MapPost("/trading/close-all", (HttpContext h, DashboardControls c) => RunAsync(h, (a, _) => c.CloseAllAsync(a)));
        controls.MapPost("/recovery/decide", (HttpContext h, DashboardControls c) =>
            RunAsync(h, (a, f) => c.DecideAsync(a, f["itemId"].ToString(), f["choice"].ToString())));
        controls.MapPost("/orphans/adopt", (HttpContext h, DashboardControls c) =>
            RunAsync(h, (a, f) => int.TryParse(f["agentId"], out var agent)
                ? c.AdoptAsync(a, f["orphanId"].ToString(), agent)
                : Task.FromResult(DeskResult.Refused("Choose the agent that adopts the orphan."))));
        controls.MapPost("/orphans/close", (HttpContext h, DashboardControls c) => RunAsync(h, (a, f) => c.CloseOrphanAsync(a, f["orphanId"].ToString())));
        controls.MapPost("/mastermind/intervene", (HttpContext h, DashboardControls c) => RunAsync(h, (a, f) =>
        {
            var on = f["enabled"].ToString() is "on" or "true";
            decimal spot = 0m, appetite = 1m;
            if (on && !(Number(f["spotShare"], out spot) && Number(f["riskAppetite"], out appetite)))
                return Task.FromResult(DeskResult.Refused("Give the spot share (a percentage, 0 to 100) and the risk appetite (e.g. 1) as numbers."));
            // The page asks for the spot share in percent.
            return c.InterveneAsync(a, on, spot / 100m, appetite, f["reason"].ToString());
        }));
        controls.MapPost("/risk/reset", (HttpContext h, DashboardControls c) => RunAsync(h, (a, f) => c.ResetRiskAsync(a, f["reason"].ToString())));
        controls.MapPost("/orphans/dismiss", (HttpContext h, DashboardControls c) => RunAsync(h, (a, f) => c.DismissOrphanAsync(a, f["orphanId"].ToString())));
        return app;
    }

    private static async Task<IResult> RunAsync(HttpContext context, Func<string, IFormCollection, Task<DeskResult>> control)
    {
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
            return Results.BadRequest(new { error = "missing or expired antiforgery token: reload the page and try again" });
        var form = await context.Request.ReadFormAsync();
        var result = await control($"admin@{context.Connection.RemoteIpAddress}", form);
        var id = context.RequestServices.GetRequiredService<ControlOutcomes>().Add(result);
        var back = SignInEndpoints.LocalOrHome(form["returnUrl"].ToString());
        // 303: the browser follows with a GET, whatever the method was.
        return new SeeOther(QueryHelpers.AddQueryString(WithoutOutcome(back), OutcomeQuery, id));
    }

    private static bool Number(string? text, out decimal value) =>
        decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out value);

    private static string WithoutOutcome(string url)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0) return url;
        var query = QueryHelpers.ParseQuery(url[q..]).Where(p => p.Key != OutcomeQuery).ToDictionary(p => p.Key, p => p.Value);
        return QueryHelpers.AddQueryString(url[..q], query);
    }

    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
