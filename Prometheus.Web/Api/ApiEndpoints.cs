using Microsoft.AspNetCore.Mvc;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Supervision.ReadModel;
using Prometheus.Web.Engine;
using Prometheus.Web.Engine.Commands;
using Prometheus.Web.Hosting;

namespace Prometheus.Web.Api;

/// <summary>
/// The JSON API under /api: every route needs the admin token (it is money), read or control. Reads take the engine's
/// published read model (no call into the loop); controls go through the command port (IEngineCommands), which
/// validates them, runs them on the loop and writes them to the audit log.
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
        api.MapGet("/agents", (EngineRuntime runtime) => Read(runtime, EngineViews.Agents));
        api.MapGet("/agents/{id:int}", (int id, EngineRuntime runtime) =>
            runtime.ReadModel is not { } model ? ApiResults.Starting(runtime)
            : EngineViews.Agent(model, id) is { } agent ? Results.Ok(agent)
            : Results.NotFound(new ApiError($"no agent {id}")));
        api.MapGet("/valhalla", (EngineRuntime runtime) => Read(runtime, EngineViews.Valhalla));
        api.MapGet("/trades", (EngineRuntime runtime, [FromQuery] int? agent, [FromQuery] int? skip, [FromQuery] int? take) =>
            skip < 0 || take is < 1 or > MaxPage
                ? Results.BadRequest(new ApiError($"skip must be >= 0 and take between 1 and {MaxPage}", skip < 0 ? "skip" : "take"))
                : Read(runtime, m => EngineViews.Fills(m, agent, skip ?? 0, take ?? 100)));
        api.MapGet("/ledger/verify", async (EngineRuntime runtime, CancellationToken ct) =>
            runtime.IsReadOnly ? ApiResults.ReadOnly()
            : runtime.Loop is null ? ApiResults.Starting(runtime)
            : Results.Ok(LedgerVerdictView.From(await runtime.Loop.VerifyLedgerAsync(runtime.Exchange!, ct))));
        api.MapGet("/audit", async (EngineRuntime runtime, [FromQuery] int? skip, [FromQuery] int? take, CancellationToken ct) =>
        {
            if (runtime.History is not { } history) return ApiResults.Starting(runtime);
            var rows = await history.AuditAsync(Math.Max(0, skip ?? 0), Math.Clamp(take ?? 100, 1, MaxPage), ct);
            return Results.Ok(rows.Select(a => new AuditView(a.Id, DateTimeOffset.FromUnixTimeMilliseconds(a.RecordedAtMs), a.Actor, a.Action, a.Detail)));
        });

        api.MapPost("/recovery/confirm", (EngineRuntime runtime, IEngineCommands commands, HttpContext http) =>
            ControlAsync(runtime, commands, new ConfirmRecovery(ApiResults.Actor(http))));
        api.MapPost("/trading/pause", (EngineRuntime runtime, IEngineCommands commands, HttpContext http) =>
            ControlAsync(runtime, commands, new PauseTrading(ApiResults.Actor(http))));
        api.MapPost("/trading/resume", (EngineRuntime runtime, IEngineCommands commands, HttpContext http) =>
            ControlAsync(runtime, commands, new ResumeTrading(ApiResults.Actor(http))));
        api.MapPost("/trading/close-all", (EngineRuntime runtime, IEngineCommands commands, HttpContext http) =>
            ControlAsync(runtime, commands, new CloseAll(ApiResults.Actor(http))));
        api.MapGet("/mastermind", (EngineRuntime runtime, Prometheus.Engine.Configuration.EngineOptions options) =>
            Read(runtime, m => Dashboard.DashboardViews.Mastermind(m, options)));
        api.MapPost("/mastermind/intervention", (InterventionRequest body, EngineRuntime runtime, IEngineCommands commands, HttpContext http) =>
            body.Problem() is { } problem
                ? Task.FromResult(Results.BadRequest(problem))
                : ControlAsync(runtime, commands,
                    new Intervene(ApiResults.Actor(http), body.Enabled!.Value, body.SpotShare ?? 0m, body.RiskAppetite ?? 1m, body.Reason ?? "")));
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

    /// <summary>A view of the engine's last published read model; 503 while the engine starts.</summary>
    private static IResult Read<T>(EngineRuntime runtime, Func<EngineReadModel, T> view) =>
        runtime.ReadModel is { } model ? Results.Ok(view(model)) : ApiResults.Starting(runtime);

    /// <summary>A control through the command port (validated and audited there); answers the state the engine is in after it.</summary>
    private static async Task<IResult> ControlAsync(EngineRuntime runtime, IEngineCommands commands, EngineCommand command) =>
        CommandAnswers.Answer(runtime, await commands.SendAsync(command), CommandAnswers.State);


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
