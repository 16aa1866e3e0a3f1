using Prometheus.Engine.Agents;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence.Rows;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// The engine's history as the store keeps it (it survives restarts): fills, equity curves, births and deaths. The one way the host reads
/// history and the audit log; nothing outside Persistence writes SQL.
/// </summary>
public interface IHistory
{
    /// <summary>One page of fills matching <paramref name="query"/>, newest first, and how many match in all.</summary>
    Task<(int Total, List<TradeRecord> Items)> TradesAsync(TradeQuery query, int skip, int take, CancellationToken ct = default);

    /// <summary>Fills booked between two market times (inclusive), oldest first, at most <paramref name="max"/> (the newest).</summary>
    Task<List<TradeRecord>> TradesBetweenAsync(long fromMs, long toMs, TradeQuery query, int max, CancellationToken ct = default);

    /// <summary>The equity curve of the population (<see cref="EquityMark.Population"/>) or of one agent between two market times, oldest first.</summary>
    Task<List<EquityMark>> EquityAsync(int agentId, long fromMs, long toMs, CancellationToken ct = default);

    /// <summary>Agents born between two market times (inclusive), oldest first, at most <paramref name="max"/> (the newest), as last stored.</summary>
    Task<List<AgentState>> BirthsAsync(long fromMs, long toMs, int max, CancellationToken ct = default);

    /// <summary>Agents that died between two market times (inclusive), oldest first, at most <paramref name="max"/> (the newest): their Valhalla records.</summary>
    Task<List<FallenAgent>> DeathsAsync(long fromMs, long toMs, int max, CancellationToken ct = default);

    /// <summary>How many fills were booked on each UTC day (market time) that had any, oldest first.</summary>
    Task<List<(long DayStartMs, int Trades)>> TradesPerDayAsync(CancellationToken ct = default);

    /// <summary>One page of the audit log (every action a person took, and by whom), newest first.</summary>
    Task<List<AuditRow>> AuditAsync(int skip, int take, CancellationToken ct = default);
}
