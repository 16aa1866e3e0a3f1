using System.Globalization;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Api;

/// <summary>
/// History from the store (it survives restarts), read through <see cref="IHistory"/>, never from the trading loop.
/// <c>GET /api/equity?from=&amp;to=&amp;agent=</c>: the population's equity curve (or one agent's) between two times
/// (ISO 8601; by default everything), oldest first. A malformed from, to or agent is 400 naming the field.
/// <c>GET /api/births?from=&amp;to=&amp;take=</c> and <c>GET /api/deaths?from=&amp;to=&amp;take=</c>: agents born (died)
/// between two market times, oldest first, the newest <c>take</c> (1..1000, default 100).
/// </summary>
public static class HistoryEndpoints
{
    /// <summary>One point of an equity curve.</summary>
    public sealed record EquityPointView(DateTimeOffset At, decimal Equity);

    /// <summary>An agent's birth: who, on what, of which parents.</summary>
    public sealed record BirthView(int AgentId, string Name, string InstId, int Generation, IReadOnlyList<int> Parents, DateTimeOffset BornAt);

    /// <summary>An agent's death, as Valhalla recorded it.</summary>
    public sealed record DeathView(int AgentId, string Name, string InstId, int Generation, DateTimeOffset BornAt, DateTimeOffset DiedAt, string Reason,
        decimal LifetimePnl, int Trades, string LegacyTitle);

    public static RouteGroupBuilder MapHistoryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/equity", async (string? from, string? to, string? agent, EngineRuntime runtime, CancellationToken ct) =>
        {
            if (Time(from, "from", long.MinValue) is not (var fromMs, null)) return Results.BadRequest(Time(from, "from", 0).Error);
            if (Time(to, "to", long.MaxValue) is not (var toMs, null)) return Results.BadRequest(Time(to, "to", 0).Error);
            if (fromMs > toMs) return Results.BadRequest(new ApiError("from must not be after to", "from"));
            var agentId = EquityMark.Population;
            if (agent is not null && (!int.TryParse(agent, NumberStyles.None, CultureInfo.InvariantCulture, out agentId) || agentId < 1))
                return Results.BadRequest(new ApiError($"agent must be an agent id (a whole number from 1), not '{Clip(agent)}'", "agent"));
            if (await EquityAsync(runtime, agentId, fromMs, toMs, ct) is not { } points) return ApiResults.Starting(runtime);
            return Results.Ok(points.Select(p => new EquityPointView(DateTimeOffset.FromUnixTimeMilliseconds(p.TimeMs), p.Equity)));
        });
        api.MapGet("/births", (string? from, string? to, int? take, EngineRuntime runtime, CancellationToken ct) =>
            RangeAsync(runtime, from, to, take, async (h, f, t, n) => (await h.BirthsAsync(f, t, n, ct)).Select(a =>
                new BirthView(a.Id, a.Name, a.InstId, a.Generation, a.Parents, At(a.BornAtMs)))));
        api.MapGet("/deaths", (string? from, string? to, int? take, EngineRuntime runtime, CancellationToken ct) =>
            RangeAsync(runtime, from, to, take, async (h, f, t, n) => (await h.DeathsAsync(f, t, n, ct)).Select(d =>
                new DeathView(d.Id, d.Name, d.InstId, d.Generation, At(d.BornAtMs), At(d.DiedAtMs), d.Reason.ToString(), d.LifetimePnl, d.Trades, d.LegacyTitle))));
        return api;
    }

    /// <summary>
    /// The stored equity curve of the population (<see cref="EquityMark.Population"/>) or of one agent between two market
    /// times, oldest first; null before the store is open. The Overview's curve reads it too.
    /// </summary>
    public static async Task<List<EquityMark>?> EquityAsync(EngineRuntime runtime, int agentId, long fromMs, long toMs, CancellationToken ct = default)
    {
        return runtime.History is { } history ? await history.EquityAsync(agentId, fromMs, toMs, ct) : null;
    }

    /// <summary>A history read between from and to (ISO 8601), the newest <paramref name="take"/>; 400 naming a malformed field.</summary>
    private static async Task<IResult> RangeAsync<T>(EngineRuntime runtime, string? from, string? to, int? take,
        Func<IHistory, long, long, int, Task<IEnumerable<T>>> read)
    {
        if (Time(from, "from", long.MinValue) is not (var fromMs, null)) return Results.BadRequest(Time(from, "from", 0).Error);
        if (Time(to, "to", long.MaxValue) is not (var toMs, null)) return Results.BadRequest(Time(to, "to", 0).Error);
        if (fromMs > toMs) return Results.BadRequest(new ApiError("from must not be after to", "from"));
        if (take is < 1 or > ApiEndpoints.MaxPage) return Results.BadRequest(new ApiError($"take must be between 1 and {ApiEndpoints.MaxPage}", "take"));
        if (runtime.History is not { } history) return ApiResults.Starting(runtime);
        return Results.Ok(await read(history, fromMs, toMs, take ?? 100));
    }

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static (long Ms, ApiError? Error) Time(string? text, string field, long absent)
    {
        if (text is null) return (absent, null);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (at.ToUnixTimeMilliseconds(), null)
            : (0, new ApiError($"{field} must be a date and time in ISO 8601 (2026-01-31T00:00:00Z), not '{Clip(text)}'", field));
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
