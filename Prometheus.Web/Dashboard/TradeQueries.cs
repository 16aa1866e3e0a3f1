using System.Globalization;
using Microsoft.Data.Sqlite;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence;
using Prometheus.Web.Api;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Dashboard;

/// <summary>A filter on the public ledger; null fields match everything.</summary>
public sealed record TradeFilter(int? AgentId = null, TradeSide? Side = null, string? InstId = null);

/// <summary>
/// Pages of the public ledger for the Trades and agent pages, read from the store on a read-only connection of their
/// own (WAL: they see the last commit): filters and counts over a million records cost the trading loop nothing.
/// Money columns are TEXT and parsed as decimal, never through double.
/// </summary>
public sealed class TradeQueries(EngineRuntime runtime)
{
    public async Task<TradePage> PageAsync(TradeFilter filter, int skip, int take, CancellationToken ct = default)
    {
        if (runtime.Store is not { } store) return new TradePage(0, skip, take, []);
        await using var connection = Open(store.DataDir);
        var (where, bind) = Where(filter);
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM Trades{where}";
        bind(count);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);

        await using var select = connection.CreateCommand();
        select.CommandText = $"""
            SELECT TradeId, AgentId, InstId, Side, PosSide, Amount, Price, Fee, OrdId, ClOrdId, ExchangeTradeId, TimestampMs,
                   Confidence, RealizedPnl, Origin
            FROM Trades{where} ORDER BY TradeId DESC LIMIT $take OFFSET $skip
            """;
        bind(select);
        select.Parameters.AddWithValue("$take", take);
        select.Parameters.AddWithValue("$skip", skip);
        var items = new List<TradeRecord>(Math.Min(take, 1000));
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items.Add(Read(reader));
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
    public async Task<List<TradeRecord>> BetweenAsync(long fromMs, long toMs, TradeFilter filter, int max, CancellationToken ct = default)
    {
        if (runtime.Store is not { } store) return [];
        await using var connection = Open(store.DataDir);
        var (where, bind) = Where(filter);
        await using var select = connection.CreateCommand();
        select.CommandText = $"""
            SELECT TradeId, AgentId, InstId, Side, PosSide, Amount, Price, Fee, OrdId, ClOrdId, ExchangeTradeId, TimestampMs,
                   Confidence, RealizedPnl, Origin
            FROM Trades{(where.Length == 0 ? " WHERE" : where + " AND")} TimestampMs >= $from AND TimestampMs <= $to
            ORDER BY TradeId DESC LIMIT $max
            """;
        bind(select);
        select.Parameters.AddWithValue("$from", fromMs);
        select.Parameters.AddWithValue("$to", toMs);
        select.Parameters.AddWithValue("$max", max);
        var items = new List<TradeRecord>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items.Add(Read(reader));
        items.Reverse();
        return items;
    }

    private static SqliteConnection Open(string dataDir)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDir, EngineStore.FileName),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static (string Where, Action<SqliteCommand> Bind) Where(TradeFilter filter)
    {
        var clauses = new List<string>();
        if (filter.AgentId is not null) clauses.Add("AgentId = $agent");
        if (filter.Side is not null) clauses.Add("Side = $side");
        if (!string.IsNullOrEmpty(filter.InstId)) clauses.Add("InstId = $inst");
        return (clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", clauses), command =>
        {
            if (filter.AgentId is { } agent) command.Parameters.AddWithValue("$agent", agent);
            if (filter.Side is { } side) command.Parameters.AddWithValue("$side", side.ToWire());
            if (!string.IsNullOrEmpty(filter.InstId)) command.Parameters.AddWithValue("$inst", filter.InstId);
        });
    }

    private static TradeRecord Read(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetInt32(1), r.GetString(2), TradeSideExtensions.FromWire(r.GetString(3)), Enum.Parse<PositionSide>(r.GetString(4)),
        Money(r, 5), Money(r, 6), Money(r, 7), r.GetString(8), r.GetString(9), r.GetString(10), r.GetInt64(11), r.GetDouble(12), Money(r, 13),
        Enum.Parse<TradeOrigin>(r.GetString(14)));

    private static decimal Money(SqliteDataReader r, int column) => decimal.Parse(r.GetString(column), NumberStyles.Float, CultureInfo.InvariantCulture);
}
