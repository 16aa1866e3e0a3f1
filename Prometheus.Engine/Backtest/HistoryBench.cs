using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Backtest;

/// <summary>
/// Times what a dashboard loads for a month: <see cref="Days"/> days of history for a population through the
/// <see cref="IHistory"/> port (<see cref="StoreHistory"/>): the population's equity curve, every agent's, and every fill,
/// from a store seeded with that much the way the engine keeps it (each agent's equity once a market hour, the
/// population's every 15 minutes, <see cref="FillsPerAgentDay"/> fills an agent a day).
/// </summary>
public static class HistoryBench
{
    /// <summary>The symbol the synthetic records are on (the default swap).</summary>
    private static readonly string BenchSymbol = new EngineOptions().Traded.First(i => i.Kind == InstrumentKind.Swap).InstId;

    public const int Days = 30;
    public const int FillsPerAgentDay = 10;
    private const long Hour = 3_600_000, Quarter = 900_000, Day = 86_400_000;
    private const long Start = 1_700_000_000_000;

    /// <summary>The median of <paramref name="runs"/> full loads.</summary>
    public static async Task<BenchHistory> RunAsync(EngineOptions options, int agents = 100, int runs = 3, CancellationToken ct = default)
    {
        var dir = Path.Combine(Path.GetTempPath(), "prometheus-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var supervisor = PersistenceBench.NewPopulation(options, agents);
            using (var store = EngineStore.Open(dir, TimeProvider.System, new PersistenceOptions()))
                store.Seed(supervisor.CaptureSnapshot(), []);
            var ids = supervisor.Living.Select(a => a.Id).ToArray();
            var (equityPoints, fills) = SeedHistory(dir, ids, ct);

            IHistory history = new StoreHistory(dir);
            var (from, to) = (Start, Start + Days * Day);
            var times = new List<double>(runs);
            for (var run = 0; run < runs; run++)
            {
                var started = Stopwatch.GetTimestamp();
                var loaded = (await history.EquityAsync(EquityMark.Population, from, to, ct)).Count;
                foreach (var id in ids) loaded += (await history.EquityAsync(id, from, to, ct)).Count;
                var trades = await history.TradesBetweenAsync(from, to, new TradeQuery(), int.MaxValue, ct);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (loaded != equityPoints || trades.Count != fills)
                    throw new InvalidOperationException($"The history load read {loaded} equity points and {trades.Count} fills, not {equityPoints} and {fills}.");
            }
            times.Sort();
            return new BenchHistory(ids.Length, Days, equityPoints, fills, times[times.Count / 2]);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static (int EquityPoints, int Fills) SeedHistory(string dir, int[] ids, CancellationToken ct)
    {
        using var connection = Persistence.Sqlite.Connect(Path.Combine(dir, EngineStore.FileName), SqliteOpenMode.ReadWrite);
        using var transaction = connection.BeginTransaction();
        using var equity = Persistence.Sqlite.Prepare(connection, "INSERT INTO EquityPoints (AgentId, TimeMs, Equity, MarketPrice) VALUES ($p0, $p1, $p2, $p3)", 4);
        equity.Transaction = transaction;
        var points = 0;
        for (var t = Start; t < Start + Days * Day; t += Quarter, points++)
            Persistence.Sqlite.Run(equity, EquityMark.Population, t, Persistence.Sqlite.Text(100_000m + (t - Start) / Quarter % 500), Persistence.Sqlite.Text(43_000.5m));
        foreach (var id in ids)
        {
            ct.ThrowIfCancellationRequested();
            for (var t = Start; t < Start + Days * Day; t += Hour, points++)
                Persistence.Sqlite.Run(equity, id, t, Persistence.Sqlite.Text(1_000m + (t - Start) / Hour % 50), null);
        }

        using var trade = Persistence.Sqlite.Prepare(connection, """
            INSERT INTO Trades (TradeId, AgentId, InstId, Side, PosSide, Amount, Price, Fee, OrdId, ClOrdId, ExchangeTradeId,
                TimestampMs, Confidence, RealizedPnl, Origin, Version, RecordedAtMs)
            VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14, $p15, $p16)
            """, 17);
        trade.Transaction = transaction;
        var fills = ids.Length * Days * FillsPerAgentDay;
        var gap = Days * Day / fills;
        for (var i = 0; i < fills; i++)
        {
            var id = i + 1L;
            var buy = i % 2 == 0;
            var text = id.ToString(CultureInfo.InvariantCulture);
            Persistence.Sqlite.Run(trade, id, ids[i % ids.Length], BenchSymbol, (buy ? TradeSide.Buy : TradeSide.Sell).ToWire(),
                nameof(PositionSide.Long), "1.5", Persistence.Sqlite.Text(43_210.5m + i % 1000), "0.32", text, $"p{ids[i % ids.Length]}x{id}", text,
                Start + i * gap, 0.42, buy ? "0" : "1.25", nameof(TradeOrigin.Decision), 1L, 0L);
        }
        transaction.Commit();
        return (points, fills);
    }
}

/// <summary><see cref="Days"/> days of history (equity points and fills) for <see cref="Agents"/> agents, loaded through IHistory.</summary>
public sealed record BenchHistory(int Agents, int Days, int EquityPoints, int Fills, double LoadMs);
