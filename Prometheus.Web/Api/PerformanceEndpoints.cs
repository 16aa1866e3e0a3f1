using Prometheus.Web.Engine;

namespace Prometheus.Web.Api;

/// <summary>
/// How the run is doing, for a trader. <c>GET /api/summary</c> and <c>GET /api/profit?period=day|week|month</c>, computed by
/// <see cref="Performance"/> (the Overview page shows the same figures from the same calls).
/// </summary>
public static class PerformanceEndpoints
{
    public static RouteGroupBuilder MapPerformanceEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/summary", async (EngineRuntime runtime, CancellationToken ct) =>
            await Performance.SummaryAsync(runtime, ct) is { } summary ? Results.Ok(summary) : ApiResults.Starting(runtime));
        api.MapGet("/profit", async (string? period, EngineRuntime runtime, CancellationToken ct) =>
        {
            if (!CalendarPeriods.TryParse(period ?? "day", out var calendar))
                return Results.BadRequest(new ApiError("period must be day, week or month", "period"));
            return await Performance.ProfitAsync(runtime, calendar, ct) is { } rows ? Results.Ok(rows) : ApiResults.Starting(runtime);
        });
        return api;
    }
}
