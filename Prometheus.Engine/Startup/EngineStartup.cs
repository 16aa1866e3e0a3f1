using System.Diagnostics;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;

using Prometheus.Engine.Recovery;

namespace Prometheus.Engine.Startup;

/// <summary>
/// One start path for every start: detect saved state (none → a fresh start, saved at once before any trade);
/// otherwise load the newest usable snapshot and the journal after it, restore every component; then reconcile three
/// ways (public ledger, private ledgers, exchange) and apply what can be proved, write the recovery report to the
/// recovery log, and say in which state the engine must begin: Blocked when a discrepancy needs a person's decision;
/// AwaitingConfirmation after a restore (Running only when the report is clean and
/// Prometheus:Recovery:AutoResumeWhenClean allows it); Running after a fresh start.
/// <c>positionMarket</c> is told the market time of the saved state (null when there is none) before the Supervisor
/// is built, so the feed and the clock can resume from there (after the last bar the engine acted on).
/// Randomness: each cycle draws from a generator derived from (seed, the bar's time). The seed is the saved state's
/// (a restart goes on with the draws the run would have made); <c>seed</c> is used only by a fresh start, or by a store
/// saved before seeds were kept, and is saved with the state.
/// A person's pause and the risk state (a tripped breaker and why) come back with the state: the report shows them,
/// and an engine that resumes by itself resumes Paused when a person had paused it.
/// </summary>
public static class EngineStartup
{
    public static async Task<StartedEngine> StartAsync(EngineOptions options, IExchange exchange, TimeProvider market, TimeProvider wall,
        int seed, EngineStore store, RecoveryOptions recovery, Action<long?> positionMarket, CancellationToken ct = default,
        TimeSpan? fillRetention = null)
    {
        var started = Stopwatch.GetTimestamp();
        CrashPoints.Armed = false; // the startup's own corrections book too: a crash test must get past a restart
        try
        {
            return await StartUnarmedAsync();
        }
        finally
        {
            CrashPoints.Armed = true;
        }

        async Task<StartedEngine> StartUnarmedAsync()
        {
            LoadedState? loaded;
            using (var reader = StoreReader.Open(store.Location))
                loaded = reader.HasSavedState ? reader.Load() : null;
            positionMarket(loaded?.State.TakenAtMs);

            Supervisor supervisor;
            var random = RandomSource.PerCycle(loaded?.State.Supervisor.Seed ?? seed);
            if (loaded is null)
            {
                supervisor = new Supervisor(options, exchange, market, random);
                await supervisor.StartAsync(ct);
                store.Seed(supervisor.CaptureSnapshot(), []);
            }
            else
            {
                supervisor = Supervisor.Restore(options, exchange, market, random, loaded.State, loaded.Records, loaded.Funding);
            }
            supervisor.AttachStore(store);

            // Three ways: the books against each other and against the exchange; what can be proved is corrected now.
            var reconciliation = new ReconciliationCoordinator(supervisor, exchange, store, fillRetention);
            await reconciliation.RunAsync(Recovery.Reconciliation.ReconciliationLevel.Full, ct);
            var fills = await exchange.GetFillsAsync(ct: ct);
            var report = RecoveryReportBuilder.Build(supervisor, wall.GetUtcNow(), Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                freshStart: loaded is null, loaded?.LastSaveAtMs, loaded?.Snapshot ?? new RecoverySnapshotUse(null, []), fills, recovery.AutoResumeWhenClean,
                [.. reconciliation.Items], reconciliation.Blocked);
            await store.RecordRecoveryAsync(report.Decision, EngineJson.Serialize(report), ct);
            var state = reconciliation.Blocked ? EngineState.Blocked
                : report.DecisionRequired ? EngineState.AwaitingConfirmation
                : supervisor.Paused ? EngineState.Paused
                : EngineState.Running;
            return new StartedEngine(supervisor, report, state, reconciliation);
        }
    }

    /// <summary>
    /// "Recover agents only": the same agents (alive and dead, Valhalla, the Mastermind) with fresh ledgers and no trade
    /// history; each living agent keeps what it was worth (its free capital plus its positions at the last marks) as
    /// new starting capital, and no position, order or reservation is carried over.
    /// </summary>
    public static EngineSnapshot AgentsOnly(LoadedState loaded, InstrumentCatalog instruments)
    {
        var state = loaded.State;
        var marks = new MarkPrices();
        marks.Restore(state.Supervisor.MarksBySymbol);
        var worth = state.Ledgers.ToDictionary(l => l.AgentId, l => l.Capital + l.Positions.Sum(p =>
        {
            var lot = new PositionLot(instruments.Get(p.InstId), p.PosSide) { Amount = p.Amount, AveragePrice = p.AveragePrice, Margin = p.Margin };
            return lot.Value(marks[lot.Instrument]);
        }));
        var ledgers = state.Ledgers.Select(l => new PrivateLedgerState(l.AgentId, worth[l.AgentId], worth[l.AgentId], 0m, 0m, 0m, [],
            new Dictionary<string, decimal>())).ToList();
        return state with
        {
            LastTradeId = 0,
            Supervisor = state.Supervisor with { OpenOrders = [], Unattributed = [], AllocatedLiquidations = [] },
            Ledgers = ledgers,
        };
    }
}

/// <summary>An engine ready to run: its Supervisor (attached to the store), the recovery report, the state to begin in.</summary>
public sealed record StartedEngine(Supervisor Supervisor, RecoveryReport Report, EngineState InitialState, ReconciliationCoordinator Reconciliation);
