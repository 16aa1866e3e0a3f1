using Microsoft.EntityFrameworkCore;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence.Rows;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// <see cref="IHistory"/> on a store (a data dir alone: SQLite), in EF Core queries over the store's model, each on a
/// read-only context of its own (it sees the last commit): filters and counts over a million records cost the trading
/// loop nothing. Money columns are TEXT, read as decimal, never through double. Before the store exists every read is empty.
/// </summary>
public sealed class StoreHistory(StoreLocation location) : IHistory
{
    private const long DayMs = 86_400_000L;

    public async Task<(int Total, List<TradeRecord> Items)> TradesAsync(TradeQuery query, int skip, int take, CancellationToken ct = default)
    {
        await using var db = Open();
        if (db is null) return (0, []);
        var trades = Matching(db.Trades, query);
        var total = await trades.CountAsync(ct);
        var page = await trades.OrderByDescending(t => t.TradeId).Skip(skip).Take(take).ToListAsync(ct);
        return (total, page.ConvertAll(t => t.ToRecord()));
    }

    public async Task<List<TradeRecord>> TradesBetweenAsync(long fromMs, long toMs, TradeQuery query, int max, CancellationToken ct = default)
    {
        await using var db = Open();
        if (db is null) return [];
        var newest = await Matching(db.Trades, query).Where(t => t.TimestampMs >= fromMs && t.TimestampMs <= toMs)
            .OrderByDescending(t => t.TradeId).Take(max).ToListAsync(ct);
        newest.Reverse();
        return newest.ConvertAll(t => t.ToRecord());
    }

    public async Task<List<EquityMark>> EquityAsync(int agentId, long fromMs, long toMs, CancellationToken ct = default)
    {
        await using var db = Open();
        if (db is null) return [];
        var rows = await db.EquityPoints.Where(p => p.AgentId == agentId && p.TimeMs >= fromMs && p.TimeMs <= toMs).OrderBy(p => p.TimeMs)
            .ToListAsync(ct);
        return rows.ConvertAll(p => new EquityMark(p.AgentId, p.TimeMs, p.Equity, p.MarketPrice, StoredPrices.Read(p.Prices)));
    }

    public async Task<List<AgentState>> BirthsAsync(long fromMs, long toMs, int max, CancellationToken ct = default)
    {
        await using var db = Open();
        if (db is null) return [];
        // Birth times live inside the stored state (JSON), so the filter runs here; a run holds thousands of agents, not millions.
        var states = await db.Agents.Select(a => a.State).ToListAsync(ct);
        return [.. states.Select(EngineJson.Deserialize<AgentState>).Where(a => a.BornAtMs >= fromMs && a.BornAtMs <= toMs)
            .OrderBy(a => a.BornAtMs).ThenBy(a => a.Id).TakeLast(Math.Max(0, max))];
    }

    public async Task<List<FallenAgent>> DeathsAsync(long fromMs, long toMs, int max, CancellationToken ct = default)
    {
        await using var db = Open();
        if (db is null) return [];
        var records = await db.Valhalla.Where(f => f.DiedAtMs >= fromMs && f.DiedAtMs <= toMs)
            .OrderByDescending(f => f.DiedAtMs).ThenByDescending(f => f.AgentId).Take(max).Select(f => f.Record).ToListAsync(ct);
        records.Reverse();
        return records.ConvertAll(EngineJson.Deserialize<FallenAgent>);
    }

    public async Task<List<(long DayStartMs, int Trades)>> TradesPerDayAsync(CancellationToken ct = default)
    {
        await using var db = Open();
        if (db is null) return [];
        var days = await db.Trades.GroupBy(t => t.TimestampMs / DayMs).Select(g => new { Day = g.Key, Trades = g.Count() })
            .OrderBy(d => d.Day).ToListAsync(ct);
        return days.ConvertAll(d => (d.Day * DayMs, d.Trades));
    }

    public async Task<List<AuditRow>> AuditAsync(int skip, int take, CancellationToken ct = default)
    {
        await using var db = Open();
        if (db is null) return [];
        return await db.AuditLog.OrderByDescending(a => a.Id).Skip(skip).Take(take).ToListAsync(ct);
    }

    private EngineDbContext? Open() => location.Exists ? location.CreateContext(readOnly: true) : null;

    private static IQueryable<TradeRow> Matching(IQueryable<TradeRow> trades, TradeQuery query)
    {
        if (query.AgentId is { } agent) trades = trades.Where(t => t.AgentId == agent);
        if (query.Side is { } side)
        {
            var wire = side.ToWire();
            trades = trades.Where(t => t.Side == wire);
        }
        if (!string.IsNullOrEmpty(query.InstId)) trades = trades.Where(t => t.InstId == query.InstId);
        return trades;
    }
}
