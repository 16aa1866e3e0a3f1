using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence;
using Prometheus.Web.Api;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Dashboard;

/// <summary>A filter on the public ledger; null fields match everything.</summary>
public sealed record TradeFilter(int? AgentId = null, TradeSide? Side = null, string? InstId = null);

/// <summary>
/// Pages of the public ledger for the Trades and agent pages: thin callers of the store's history port
/// (<see cref="IHistory"/>, from <see cref="EngineRuntime.History"/>), which reads on a connection of its own and costs the trading loop nothing.
/// </summary>
public sealed class TradeQueries(EngineRuntime runtime)
{
    public async Task<TradePage> PageAsync(TradeFilter filter, int skip, int take, CancellationToken ct = default)
    {
        if (runtime.History is not { } history) return new TradePage(0, skip, take, []);
        var (total, items) = await history.TradesAsync(Query(filter), skip, take, ct);
        return new TradePage(total, skip, take, items);
    }

    /// <summary>Every trade of one agent, oldest first (an agent's history is small next to the whole ledger).</summary>
    public async Task<List<TradeRecord>> AgentHistoryAsync(int agentId, CancellationToken ct = default)
    {
        var page = await PageAsync(new TradeFilter(agentId), 0, int.MaxValue, ct);
        var items = page.Items.ToList();
        items.Reverse();
        return items;
    }

    /// <summary>Trades between two market times (for the candle chart's markers), oldest first, at most <paramref name="max"/>.</summary>
    public Task<List<TradeRecord>> BetweenAsync(long fromMs, long toMs, TradeFilter filter, int max, CancellationToken ct = default) =>
        runtime.History is { } history ? history.TradesBetweenAsync(fromMs, toMs, Query(filter), max, ct) : Task.FromResult(new List<TradeRecord>());

    private static TradeQuery Query(TradeFilter filter) => new(filter.AgentId, filter.Side, filter.InstId);
}
