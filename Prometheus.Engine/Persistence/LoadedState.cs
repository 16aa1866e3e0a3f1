using Prometheus.Engine.Ledger;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// The engine as the store rebuilt it: the full state, every trade and funding record up to it, which snapshot it started from
/// (and any newer one skipped, with why), how many events were replayed on top, and when the last save was made.
/// </summary>
public sealed record LoadedState(
    EngineSnapshot State,
    IReadOnlyList<TradeRecord> Records,
    IReadOnlyList<FundingRecord> Funding,
    RecoverySnapshotUse Snapshot,
    int EventsReplayed,
    long Version,
    long? LastSaveAtMs);
