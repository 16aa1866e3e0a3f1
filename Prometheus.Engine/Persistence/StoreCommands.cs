using System.Data.Common;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Supervision;
using static Prometheus.Engine.Persistence.StoreSql;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// The store's writes as prepared statements on one connection (each connection has its own set), in SQL both providers
/// run (@p parameters, ON CONFLICT; see <see cref="StoreSql"/>). Upserts of
/// current state only replace a row with a newer store version: the order in which the background writer and the
/// loop commit must not matter.
/// </summary>
internal sealed class StoreCommands : IDisposable
{
    private readonly DbConnection _connection;
    private readonly Lock _writeGate;
    private readonly DbCommand _insertTrade, _insertFunding, _upsertAgent, _upsertLedger, _insertFallen, _upsertOrder, _raiseCounter,
        _insertDecision, _insertEvent, _upsertEngineState, _insertCheckpoint, _insertSnapshot, _insertEquity;
    private readonly DbCommand[] _all;

    /// <param name="writeGate">Shared by the store's connections: one write transaction at a time, as SQLite has by its
    /// nature. PostgreSQL locks rows instead, and the loop's bookings (ledger, then agent) and a checkpoint (every agent,
    /// then every ledger) would otherwise deadlock.</param>
    public StoreCommands(DbConnection connection, Lock? writeGate = null)
    {
        _connection = connection;
        _writeGate = writeGate ?? new Lock();
        _insertTrade = Prepare(connection, """
            INSERT INTO Trades (TradeId, AgentId, InstId, Side, PosSide, Amount, Price, Fee, OrdId, ClOrdId, ExchangeTradeId,
                TimestampMs, Confidence, RealizedPnl, Origin, Version, RecordedAtMs)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16)
            """, 17);
        // Idempotent by the share's key: a second write of the same share inserts nothing (and says so: 0 rows).
        _insertFunding = Prepare(connection, """
            INSERT INTO Funding (FundingId, AgentId, InstId, PosSide, FundingTimeMs, PositionAmount, Rate, MarkPrice, Paid, BillId, Version, RecordedAtMs)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11)
            ON CONFLICT (InstId, FundingTimeMs, PosSide, AgentId) DO NOTHING
            """, 12);
        _upsertAgent = Prepare(connection, """
            INSERT INTO Agents (Id, Name, Alive, State, Version) VALUES (@p0, @p1, @p2, @p3, @p4)
            ON CONFLICT (Id) DO UPDATE SET Name = excluded.Name, Alive = excluded.Alive, State = excluded.State, Version = excluded.Version
            WHERE excluded.Version > Agents.Version
            """, 5);
        _upsertLedger = Prepare(connection, """
            INSERT INTO Ledgers (AgentId, State, Version) VALUES (@p0, @p1, @p2)
            ON CONFLICT (AgentId) DO UPDATE SET State = excluded.State, Version = excluded.Version WHERE excluded.Version > Ledgers.Version
            """, 3);
        _insertFallen = Prepare(connection, """
            INSERT INTO Valhalla (AgentId, Name, DiedAtMs, Reason, LifetimePnl, Record, Version) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)
            ON CONFLICT DO NOTHING
            """, 7);
        _upsertOrder = Prepare(connection, """
            INSERT INTO Orders (ClOrdId, AgentId, State, OrdId, CreatedMs, Entry, Version, RecordedAtMs) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)
            ON CONFLICT (ClOrdId) DO UPDATE SET State = excluded.State, OrdId = excluded.OrdId, Entry = excluded.Entry,
                Version = excluded.Version, RecordedAtMs = excluded.RecordedAtMs
            WHERE excluded.Version > Orders.Version
            """, 8);
        _raiseCounter = Prepare(connection, """
            INSERT INTO Counters (Name, Value) VALUES (@p0, @p1)
            ON CONFLICT (Name) DO UPDATE SET Value = excluded.Value WHERE excluded.Value > Counters.Value
            """, 2);
        _insertDecision = Prepare(connection, """
            INSERT INTO MastermindDecisions (Number, TimestampMs, Kind, AgentId, InstId, Amount, PoolAfter, Reason)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7) ON CONFLICT DO NOTHING
            """, 8);
        _insertEvent = Prepare(connection, "INSERT INTO Events (Version, RecordedAtMs, Kind, Payload) VALUES (@p0, @p1, @p2, @p3)", 4);
        _upsertEngineState = Prepare(connection, """
            INSERT INTO EngineState (Id, Supervisor, Mastermind, Version, TakenAtMs, RecordedAtMs) VALUES (1, @p0, @p1, @p2, @p3, @p4)
            ON CONFLICT (Id) DO UPDATE SET Supervisor = excluded.Supervisor, Mastermind = excluded.Mastermind, Version = excluded.Version,
                TakenAtMs = excluded.TakenAtMs, RecordedAtMs = excluded.RecordedAtMs
            WHERE excluded.Version > EngineState.Version
            """, 5);
        _insertCheckpoint = Prepare(connection, """
            INSERT INTO Checkpoints (Version, TakenAtMs, RecordedAtMs, Cycle, Agents, LastTradeId) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)
            """, 6);
        _insertSnapshot = Prepare(connection, """
            INSERT INTO Snapshots (Version, File, Sha256, Bytes, TakenAtMs, RecordedAtMs, Cycle, LastTradeId)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)
            """, 8);
        // Idempotent by (agent, time): a checkpoint replayed, or two at the same market time, keep the first point.
        _insertEquity = Prepare(connection,
            "INSERT INTO EquityPoints (AgentId, TimeMs, Equity, MarketPrice, Prices) VALUES (@p0, @p1, @p2, @p3, @p4) ON CONFLICT DO NOTHING", 5);
        _all = [_insertEquity, _insertTrade, _insertFunding, _upsertAgent, _upsertLedger, _insertFallen, _upsertOrder, _raiseCounter, _insertDecision, _insertEvent,
            _upsertEngineState, _insertCheckpoint, _insertSnapshot];
    }

    /// <summary>Runs <paramref name="work"/> in one transaction: all of it is durable when this returns, or none of it.</summary>
    public void InTransaction(Action work)
    {
        lock (_writeGate)
        {
            using var transaction = _connection.BeginTransaction();
            foreach (var command in _all) command.Transaction = transaction;
            work();
            transaction.Commit();
        }
    }

    public void Trade(TradeRecord r, long version, long recordedAtMs) =>
        Run(_insertTrade, r.TradeId, r.AgentId, r.InstId, r.Side.ToWire(), r.PosSide.ToString(), Text(r.Amount), Text(r.Price), Text(r.Fee),
            r.OrdId, r.ClOrdId, r.ExchangeTradeId, r.TimestampMs, r.Confidence, Text(r.RealizedPnl), r.Origin.ToString(), version, recordedAtMs);

    /// <summary>Inserts a funding share; false when that share (instrument, funding time, side, agent) is already stored.</summary>
    public bool Funding(FundingRecord f, long version, long recordedAtMs) =>
        Run(_insertFunding, f.FundingId, f.AgentId, f.InstId, f.PosSide.ToString(), f.FundingTimeMs, Text(f.PositionAmount), Text(f.Rate),
            Text(f.MarkPrice), Text(f.Paid), f.BillId, version, recordedAtMs) == 1;

    public void Agent(AgentState agent, string json, long version) =>
        Run(_upsertAgent, agent.Id, agent.Name, agent.Stage != LifeStage.Dead, json, version);

    public void Ledger(int agentId, string json, long version) => Run(_upsertLedger, agentId, json, version);

    public void Fallen(FallenAgent f, long version) =>
        Run(_insertFallen, f.Id, f.Name, f.DiedAtMs, f.Reason.ToString(), Text(f.LifetimePnl), EngineJson.Serialize(f), version);

    public void Order(JournalEntryState e, long version, long recordedAtMs) =>
        Run(_upsertOrder, e.ClOrdId, e.AgentId, e.State.ToString(), e.OrdId, e.CreatedMs, EngineJson.Serialize(e), version, recordedAtMs);

    public void RaiseCounter(string name, long value) => Run(_raiseCounter, name, value);

    public void Decision(NumberedDecision n)
    {
        var d = n.Decision;
        Run(_insertDecision, n.Number, d.TimestampMs, d.Kind, d.AgentId, d.InstId, Text(d.Amount), Text(d.PoolAfter), d.Reason);
    }

    public void Event(long version, long recordedAtMs, string kind, string payload) => Run(_insertEvent, version, recordedAtMs, kind, payload);

    public void EngineState(string supervisor, string mastermind, long version, long takenAtMs, long recordedAtMs) =>
        Run(_upsertEngineState, supervisor, mastermind, version, takenAtMs, recordedAtMs);

    public void Checkpoint(long version, long takenAtMs, long recordedAtMs, long cycle, int agents, long lastTradeId) =>
        Run(_insertCheckpoint, version, takenAtMs, recordedAtMs, cycle, agents, lastTradeId);

    public void Snapshot(long version, string file, string sha256, long bytes, long takenAtMs, long recordedAtMs, long cycle, long lastTradeId) =>
        Run(_insertSnapshot, version, file, sha256, bytes, takenAtMs, recordedAtMs, cycle, lastTradeId);

    public void Equity(EquityMark mark) => Run(_insertEquity, mark.AgentId, mark.TimeMs, Text(mark.Equity), mark.MarketPrice is { } price ? Text(price) : null,
        StoredPrices.Write(mark.Prices));

    public void Dispose()
    {
        foreach (var command in _all) command.Dispose();
    }
}
