using Prometheus.Engine.Agents;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence.Rows;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// The trading loop's writes: each one transaction on the loop's own connection, durable when it returns. They run on
/// the loop's thread, which also assigns every store version (these and the captured checkpoints and snapshots).
/// </summary>
public sealed partial class EngineStore : IEngineStore
{
    private StoreCommands _loopCommands = null!;
    private long _version;
    private long _persistedDecision;

    /// <summary>The store version of the latest change handed to the store.</summary>
    public long Version => _version;

    /// <summary>One write transaction at a time across the loop's and the background writer's connections (see <see cref="StoreCommands"/>).</summary>
    private readonly Lock _writeGate = new();

    private void PrepareLoopCommands() => _loopCommands = new StoreCommands(_loop, _writeGate);

    private void DisposeLoopCommands() => _loopCommands.Dispose();

    private long NowMs => _wall.GetUtcNow().ToUnixTimeMilliseconds();

    public void Journal(JournalEntryState entry, long nextClOrdSequence)
    {
        var version = ++_version;
        var now = NowMs;
        _loopCommands.InTransaction(() =>
        {
            _loopCommands.Order(entry, version, now);
            _loopCommands.RaiseCounter(CounterRow.NextClOrdSequence, nextClOrdSequence);
            _loopCommands.Event(version, now, EventKinds.Journal, EngineJson.Serialize(new JournalEvent(entry, nextClOrdSequence)));
        });
        CrashPoints.Pass("journalled");
    }

    public void Booked(TradeRecord record, PrivateLedgerState ledger, AgentState agent)
    {
        var version = ++_version;
        var now = NowMs;
        var ledgerJson = EngineJson.Serialize(ledger);
        var agentJson = EngineJson.Serialize(agent);
        // The event embeds the same JSON the rows hold: serialized once.
        var payload = string.Concat("{\"record\":", EngineJson.Serialize(record), ",\"ledger\":", ledgerJson, ",\"agent\":", agentJson, "}");
        _loopCommands.InTransaction(() =>
        {
            _loopCommands.Trade(record, version, now);
            _loopCommands.Ledger(ledger.AgentId, ledgerJson, version);
            _loopCommands.Agent(agent, agentJson, version);
            _loopCommands.Event(version, now, EventKinds.Booked, payload);
            CrashPoints.Pass("booking");
        });
    }

    /// <summary>
    /// A funding share: its row, the agent's ledger and the event, in one transaction. Idempotent by the share's key: when
    /// that share is already stored (a replay, a second write) nothing at all is written, so its ledger row is not
    /// overwritten by a state that would count it twice.
    /// </summary>
    public void FundingBooked(FundingRecord record, PrivateLedgerState ledger, NumberedDecision? decision = null)
    {
        var version = _version + 1;
        var now = NowMs;
        var ledgerJson = EngineJson.Serialize(ledger);
        var payload = EngineJson.Serialize(new FundingEvent(record, ledger, decision));
        var written = false;
        _loopCommands.InTransaction(() =>
        {
            if (!_loopCommands.Funding(record, version, now)) return;
            _loopCommands.Ledger(ledger.AgentId, ledgerJson, version);
            if (decision is { } d)
            {
                _persistedDecision = Math.Max(_persistedDecision, d.Number);
                _loopCommands.Decision(d);
            }
            _loopCommands.Event(version, now, EventKinds.Funding, payload);
            CrashPoints.Pass("funding");
            written = true;
        });
        if (!written) return;
        _version = version;
        CrashPoints.Pass("funded");
    }

    public void ControlChanged(TradingControl control, long marketMs)
    {
        var version = ++_version;
        var now = NowMs;
        var payload = EngineJson.Serialize(new ControlEvent(control, marketMs));
        _loopCommands.InTransaction(() => _loopCommands.Event(version, now, EventKinds.Control, payload));
    }

    public void Born(AgentState agent, PrivateLedgerState ledger, NumberedDecision decision)
    {
        var version = ++_version;
        var now = NowMs;
        _persistedDecision = Math.Max(_persistedDecision, decision.Number);
        _loopCommands.InTransaction(() =>
        {
            _loopCommands.Agent(agent, EngineJson.Serialize(agent), version);
            _loopCommands.Ledger(ledger.AgentId, EngineJson.Serialize(ledger), version);
            _loopCommands.Decision(decision);
            _loopCommands.Event(version, now, EventKinds.Born, EngineJson.Serialize(new BornEvent(agent, ledger, decision)));
        });
    }

    public void Died(FallenAgent fallen, AgentState agent, PrivateLedgerState ledger, NumberedDecision decision)
    {
        var version = ++_version;
        var now = NowMs;
        _persistedDecision = Math.Max(_persistedDecision, decision.Number);
        _loopCommands.InTransaction(() =>
        {
            _loopCommands.Fallen(fallen, version);
            _loopCommands.Agent(agent, EngineJson.Serialize(agent), version);
            _loopCommands.Ledger(ledger.AgentId, EngineJson.Serialize(ledger), version);
            _loopCommands.Decision(decision);
            _loopCommands.Event(version, now, EventKinds.Died, EngineJson.Serialize(new DiedEvent(fallen, agent, ledger, decision)));
        });
    }
}
