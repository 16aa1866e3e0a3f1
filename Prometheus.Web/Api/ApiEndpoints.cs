using Microsoft.AspNetCore.Mvc;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Engine;
using Prometheus.Web.Hosting;

namespace Prometheus.Web.Api;

/// <summary>
/// The JSON API under /api: every route needs the admin token (it is money), read or control. Reads run as queries
/// on the trading loop, between cycles; controls are commands to the loop and are written to the audit log.
/// While the engine starts, routes that need it answer 503; a control the engine's state refuses answers 409.
/// Bodies are at most 64 KB and text fields 500 characters, checked before anything acts; every error is problem details
/// (ApiProblems).
/// </summary>
public static class ApiEndpoints
{
    public const int MaxPage = 1000;

    public static IEndpointRouteBuilder MapPrometheusApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithBodyLimit().AnswerErrorsAsProblems();

        api.MapGet("/status", (EngineRuntime runtime) => Results.Ok(EngineViews.Status(runtime.Status)));
        api.MapGet("/agents", (EngineRuntime runtime, CancellationToken ct) => QueryAsync(runtime, EngineViews.Agents, ct));
        api.MapGet("/agents/{id:int}", async (int id, EngineRuntime runtime, CancellationToken ct) =>
            runtime.Loop is null ? ApiResults.Starting(runtime)
            : await runtime.Loop.QueryAsync(s => EngineViews.Agent(s, id), ct) is { } agent ? Results.Ok(agent)
            : Results.NotFound(new ApiError($"no agent {id}")));
        api.MapGet("/valhalla", (EngineRuntime runtime, CancellationToken ct) => QueryAsync(runtime, EngineViews.Valhalla, ct));
        api.MapGet("/trades", (EngineRuntime runtime, [FromQuery] int? agent, [FromQuery] int? skip, [FromQuery] int? take, CancellationToken ct) =>
            skip < 0 || take is < 1 or > MaxPage
                ? Task.FromResult(Results.BadRequest(new ApiError($"skip must be >= 0 and take between 1 and {MaxPage}", skip < 0 ? "skip" : "take")))
                : QueryAsync(runtime, s => EngineViews.Fills(s, agent, skip ?? 0, take ?? 100), ct));
        api.MapGet("/ledger/verify", async (EngineRuntime runtime, CancellationToken ct) =>
            runtime.Loop is null ? ApiResults.Starting(runtime)
            : Results.Ok(await runtime.Loop.QueryAsync(async s => LedgerVerification.Verify(s.Ledger, await runtime.Exchange!.GetFillsAsync(ct: ct)), ct)));
        api.MapGet("/audit", (EngineRuntime runtime, [FromQuery] int? skip, [FromQuery] int? take) =>
        {
            if (runtime.Store is null) return ApiResults.Starting(runtime);
            using var reader = StoreReader.Open(runtime.Store.Location);
            return Results.Ok(reader.Audit(Math.Max(0, skip ?? 0), Math.Clamp(take ?? 100, 1, MaxPage))
                .Select(a => new AuditView(a.Id, DateTimeOffset.FromUnixTimeMilliseconds(a.RecordedAtMs), a.Actor, a.Action, a.Detail)));
        });

        api.MapPost("/recovery/confirm", (EngineRuntime runtime, HttpContext http) => ControlAsync(runtime, http, "confirm", l => l.ConfirmAsync()));
        api.MapPost("/trading/pause", (EngineRuntime runtime, HttpContext http) => ControlAsync(runtime, http, "pause", l => l.PauseAsync()));
        api.MapPost("/trading/resume", (EngineRuntime runtime, HttpContext http) => ControlAsync(runtime, http, "resume", l => l.ResumeAsync()));
        api.MapPost("/trading/close-all", (EngineRuntime runtime, HttpContext http) => ControlAsync(runtime, http, "close-all", l => l.CloseAllAsync()));
        api.MapGet("/mastermind", (EngineRuntime runtime, Prometheus.Engine.Configuration.EngineOptions options, CancellationToken ct) =>
            QueryAsync(runtime, s => Dashboard.DashboardViews.Mastermind(s, options), ct));
        api.MapPost("/mastermind/intervention", (InterventionRequest body, EngineRuntime runtime, HttpContext http) =>
            body.Problem() is { } problem
                ? Task.FromResult(Results.BadRequest(problem))
                : ControlAsync(runtime, http, body.Enabled!.Value ? "intervention" : "intervention-ended",
                    l => l.InterveneAsync(body.Enabled.Value, body.SpotShare ?? 0m, body.RiskAppetite ?? 1m, body.Reason ?? "", ApiResults.Actor(http))));
        api.MapSimEndpoints();
        api.MapReconciliationEndpoints();
        api.MapRiskEndpoints();
        api.MapHistoryEndpoints();
        api.MapPerformanceEndpoints();
        api.MapPositionEndpoints();
        api.MapAlertEndpoints();
        api.MapReportEndpoints();
        return app;
    }

    private static async Task<IResult> QueryAsync<T>(EngineRuntime runtime, Func<Supervisor, T> query, CancellationToken ct)
    {
        if (runtime.Loop is not { } loop) return ApiResults.Starting(runtime);
        try
        {
            return Results.Ok(await loop.QueryAsync(query, ct));
        }
        catch (EngineStoppedException)
        {
            return Results.Json(new ApiError("the engine has stopped"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> ControlAsync(EngineRuntime runtime, HttpContext http, string action, Func<TradingLoop, Task<string?>> command)
    {
        if (runtime.Loop is not { } loop) return ApiResults.Starting(runtime);
        var before = loop.State;
        var refusal = await command(loop);
        var actor = ApiResults.Actor(http);
        if (runtime.Store is { } store)
            await store.AuditAsync(actor, action, refusal is null ? $"{before} -> {loop.State}" : $"refused in {before}: {refusal}");
        return refusal is null
            ? Results.Ok(new ControlResult(loop.State.ToString(), loop.StateReason))
            : Results.Json(new ApiError(refusal), statusCode: StatusCodes.Status409Conflict);
    }


    /// <summary>POST /api/mastermind/intervention: a person takes (or hands back) the allocation and the risk appetite.</summary>
    public sealed record InterventionRequest(bool? Enabled, decimal? SpotShare, decimal? RiskAppetite, string? Reason)
    {
        /// <summary>What is missing or too long, before the engine is asked; its ranges and the reason's presence are the engine's to judge (409).</summary>
        public ApiError? Problem()
        {
            const string needed = "enabled is required; with enabled=true, spotShare (0..1) and riskAppetite too";
            if (Enabled is null) return new ApiError(needed, "enabled");
            if (Enabled.Value && SpotShare is null) return new ApiError(needed, "spotShare");
            if (Enabled.Value && RiskAppetite is null) return new ApiError(needed, "riskAppetite");
            return RequestLimits.TextTooLong("reason", Reason) is { } tooLong ? new ApiError(tooLong, "reason") : null;
        }
    }
}
