using System.Globalization;
using System.Data.Common;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence.Rows;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// <see cref="IHistory"/> on a store (a data dir alone: SQLite), each read on a read-only connection of its own (it sees
/// the last commit): filters and counts over a million records cost the trading loop nothing. Money columns are TEXT and
/// parsed as decimal, never through double. Before the store exists every read is empty.
/// </summary>
public sealed class StoreHistory(StoreLocation location) : IHistory
{
    private const string TradeColumns = """
        TradeId, AgentId, InstId, Side, PosSide, Amount, Price, Fee, OrdId, ClOrdId, ExchangeTradeId, TimestampMs, Confidence, RealizedPnl, Origin
        """;

    public async Task<(int Total, List<TradeRecord> Items)> TradesAsync(TradeQuery query, int skip, int take, CancellationToken ct = default)
    {
        await using var connection = Open();
        if (connection is null) return (0, []);
        var (where, bind) = Where(query);
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM Trades{where}";
        bind(count);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);

        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {TradeColumns} FROM Trades{where} ORDER BY TradeId DESC LIMIT @take OFFSET @skip";
        bind(select);
        StoreSql.Add(select, "@take", take);
        StoreSql.Add(select, "@skip", skip);
        return (total, await ReadTradesAsync(select, ct));
    }

    public async Task<List<TradeRecord>> TradesBetweenAsync(long fromMs, long toMs, TradeQuery query, int max, CancellationToken ct = default)
    {
        await using var connection = Open();
        if (connection is null) return [];
        var (where, bind) = Where(query);
        await using var select = connection.CreateCommand();
        select.CommandText = $"""
            SELECT {TradeColumns}
            FROM Trades{(where.Length == 0 ? " WHERE" : where + " AND")} TimestampMs >= @from AND TimestampMs <= @to
            ORDER BY TradeId DESC LIMIT @max
            """;
        bind(select);
        StoreSql.Add(select, "@from", fromMs);
        StoreSql.Add(select, "@to", toMs);
        StoreSql.Add(select, "@max", max);
        var items = await ReadTradesAsync(select, ct);
        items.Reverse();
        return items;
    }

    public async Task<List<EquityMark>> EquityAsync(int agentId, long fromMs, long toMs, CancellationToken ct = default)
    {
        await using var connection = Open();
        if (connection is null) return [];
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT TimeMs, Equity, MarketPrice FROM EquityPoints WHERE AgentId = @agent AND TimeMs >= @from AND TimeMs <= @to ORDER BY TimeMs";
        StoreSql.Add(select, "@agent", agentId);
        StoreSql.Add(select, "@from", fromMs);
        StoreSql.Add(select, "@to", toMs);
        var points = new List<EquityMark>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            points.Add(new EquityMark(agentId, reader.GetInt64(0), Money(reader, 1), reader.IsDBNull(2) ? null : Money(reader, 2)));
        return points;
    }

    public async Task<List<AgentState>> BirthsAsync(long fromMs, long toMs, int max, CancellationToken ct = default)
    {
        await using var connection = Open();
        if (connection is null) return [];
        // Birth times live inside the stored state (JSON), so the filter runs here; a run holds thousands of agents, not millions.
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT State FROM Agents";
        var born = new List<AgentState>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (EngineJson.Deserialize<AgentState>(reader.GetString(0)) is { } agent && agent.BornAtMs >= fromMs && agent.BornAtMs <= toMs)
                born.Add(agent);
        return [.. born.OrderBy(a => a.BornAtMs).ThenBy(a => a.Id).TakeLast(Math.Max(0, max))];
    }

    public async Task<List<FallenAgent>> DeathsAsync(long fromMs, long toMs, int max, CancellationToken ct = default)
    {
        await using var connection = Open();
        if (connection is null) return [];
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT Record FROM Valhalla WHERE DiedAtMs >= @from AND DiedAtMs <= @to ORDER BY DiedAtMs DESC, AgentId DESC LIMIT @max";
        StoreSql.Add(select, "@from", fromMs);
        StoreSql.Add(select, "@to", toMs);
        StoreSql.Add(select, "@max", max);
        var fallen = new List<FallenAgent>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            fallen.Add(EngineJson.Deserialize<FallenAgent>(reader.GetString(0)));
        fallen.Reverse();
        return fallen;
    }

    public async Task<List<(long DayStartMs, int Trades)>> TradesPerDayAsync(CancellationToken ct = default)
    {
        await using var connection = Open();
        if (connection is null) return [];
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT TimestampMs / 86400000, count(*) FROM Trades GROUP BY TimestampMs / 86400000 ORDER BY 1";
        var days = new List<(long, int)>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            days.Add((reader.GetInt64(0) * 86_400_000L, (int)reader.GetInt64(1)));
        return days;
    }

    public async Task<List<AuditRow>> AuditAsync(int skip, int take, CancellationToken ct = default)
    {
        await using var connection = Open();
        if (connection is null) return [];
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT Id, RecordedAtMs, Actor, Action, Detail FROM AuditLog ORDER BY Id DESC LIMIT @take OFFSET @skip";
        StoreSql.Add(select, "@take", take);
        StoreSql.Add(select, "@skip", skip);
        var rows = new List<AuditRow>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new AuditRow { Id = reader.GetInt64(0), RecordedAtMs = reader.GetInt64(1), Actor = reader.GetString(2), Action = reader.GetString(3), Detail = reader.GetString(4) });
        return rows;
    }

    private DbConnection? Open() => location.Exists ? location.Connect(readOnly: true) : null;

    private static (string Where, Action<DbCommand> Bind) Where(TradeQuery query)
    {
        var clauses = new List<string>();
        if (query.AgentId is not null) clauses.Add("AgentId = @agent");
        if (query.Side is not null) clauses.Add("Side = @side");
        if (!string.IsNullOrEmpty(query.InstId)) clauses.Add("InstId = @inst");
        return (clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", clauses), command =>
        {
            if (query.AgentId is { } agent) StoreSql.Add(command, "@agent", agent);
            if (query.Side is { } side) StoreSql.Add(command, "@side", side.ToWire());
            if (!string.IsNullOrEmpty(query.InstId)) StoreSql.Add(command, "@inst", query.InstId);
        });
    }

    private static async Task<List<TradeRecord>> ReadTradesAsync(DbCommand select, CancellationToken ct)
    {
        var items = new List<TradeRecord>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items.Add(new TradeRecord(
                reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), TradeSideExtensions.FromWire(reader.GetString(3)),
                Enum.Parse<PositionSide>(reader.GetString(4)), Money(reader, 5), Money(reader, 6), Money(reader, 7), reader.GetString(8),
                reader.GetString(9), reader.GetString(10), reader.GetInt64(11), reader.GetDouble(12), Money(reader, 13),
                Enum.Parse<TradeOrigin>(reader.GetString(14))));
        return items;
    }

    private static decimal Money(DbDataReader r, int column) => decimal.Parse(r.GetString(column), NumberStyles.Float, CultureInfo.InvariantCulture);
}
