using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Recovery.Reconciliation;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Supervision.ReadModel;

namespace Prometheus.Engine.Recovery;

/// <summary>
/// Reconciliation's I/O: gathers what the pure <see cref="Reconciler"/> reads (the books from the Supervisor; positions,
/// balances, pending orders, the fills of the window and orders looked up by clOrdId from the exchange; orphans and
/// known findings from its memory), applies the corrections through the Supervisor's doors, records every finding
/// (store and audit log), and keeps what a person must decide: orphans and blocks. Runs on the trading loop only.
/// Schedule while trading: Light after a cycle that booked fills (their orders looked up), Medium every
/// <see cref="FillsPerMedium"/> fills, Deep every <see cref="CyclesPerDeep"/> cycles, and at once when a fill no
/// agent owns arrives or a lighter check escalates; Full at startup.
/// </summary>
public sealed partial class ReconciliationCoordinator : ILoopReconciliation
{
    public const int FillsPerMedium = 10, CyclesPerDeep = 50;
    /// <summary>The store counter that keeps where the next fill window starts (market time, Unix ms).</summary>
    public const string WindowCounter = "ReconciledFromMs";

    private readonly Supervisor _supervisor;
    private readonly IExchange _exchange;
    private readonly EngineStore? _store;
    private readonly TimeSpan? _fillRetention;
    private readonly Dictionary<string, (OrphanRecord Orphan, int? AdoptedBy)> _orphans = new(StringComparer.Ordinal);
    /// <summary>Findings the reconciler is told it reported before. Open blocks are left out, so every run raises them again with their choices.</summary>
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    /// <summary>Every finding already recorded and audited (blocks included), so each is announced once.</summary>
    private readonly HashSet<string> _announced = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReconciliationItem> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Block> _blocks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bookedThisCycle = new(StringComparer.Ordinal);
    private long _windowFromMs;
    /// <summary>Index of the first ledger record that may still be in the window (the ones before it are older than its start).</summary>
    private int _firstWindowRecord;
    private int _fillsSinceMedium;
    private long _cycles;

    /// <param name="fillRetention">How long the exchange keeps fills (OKX: 3 days); null when it keeps them all (the simulated exchange).</param>
    public ReconciliationCoordinator(Supervisor supervisor, IExchange exchange, EngineStore? store, TimeSpan? fillRetention = null)
    {
        _supervisor = supervisor;
        _exchange = exchange;
        _store = store;
        _fillRetention = fillRetention;
        supervisor.TradeBooked += record =>
        {
            if (record.ClOrdId.Length > 0 && !ReconciliationIds.IsSynthetic(record.ExchangeTradeId)) _bookedThisCycle[record.ClOrdId] = record.InstId;
        };
        if (store is null) return;
        using var reader = StoreReader.Open(store.Location);
        foreach (var (orphan, adoptedBy) in reader.Orphans()) _orphans[orphan.Id] = (orphan, adoptedBy);
        // A block still open is not "known": the startup run raises it again, with the choices a person picks from.
        // The report shows what still stands and what was found since the last start, which nobody may have seen yet.
        var lastStart = reader.LastRecoveryAtMs() ?? long.MinValue;
        foreach (var (item, blocking, resolved, firstSeen) in reader.ReconciliationItems())
        {
            _announced.Add(item.Id);
            // An orphan found just before a crash may not have been kept yet: then it is not known, and is found again.
            if (!(blocking && !resolved) && (item.Kind != ReconciliationKinds.Orphan || _orphans.ContainsKey(item.Id))) _known.Add(item.Id);
            if (!resolved || firstSeen >= lastStart) _items[item.Id] = item with { Resolved = resolved };
        }
        _windowFromMs = reader.Counter(WindowCounter) ?? 0;
    }

    /// <summary>A finding not seen before, as it is recorded (raised on the loop).</summary>
    public event Action<ReconciliationItem>? Found;

    public bool Blocked => _blocks.Count > 0;

    public string BlockReason => _blocks.Count == 0 ? ""
        : $"{_blocks.Count} discrepanc{(_blocks.Count == 1 ? "y" : "ies")} need a decision: {string.Join("; ", _blocks.Keys.Select(id => _items.TryGetValue(id, out var i) ? i.Detail : id))}";

    /// <summary>When the last reconciliation ran (wall-clock independent: the engine's market time), and its level.</summary>
    public (long AtMs, ReconciliationLevel Level)? LastRun { get; private set; }

    /// <summary>Every finding since this start, newest state of each, in the order found.</summary>
    public IReadOnlyCollection<ReconciliationItem> Items => _items.Values;

    /// <summary>Open blocks: the item and the names and descriptions of its choices.</summary>
    public IEnumerable<(string ItemId, IReadOnlyList<(string Name, string Description)> Choices)> Blocks =>
        _blocks.Select(b => (b.Key, (IReadOnlyList<(string, string)>)[.. b.Value.Choices.Select(c => (c.Name, c.Description))]));

    public IEnumerable<(OrphanRecord Orphan, int? AdoptedBy)> Orphans => _orphans.Values.OrderBy(o => o.Orphan.TimestampMs).ThenBy(o => o.Orphan.Id, StringComparer.Ordinal);

    public ReconciliationReading Read() => new(Blocked, BlockReason, LastRun?.AtMs, LastRun?.Level, [.. _items.Values],
        [.. Blocks.Select(b => new BlockReading(b.ItemId, [.. b.Choices]))], [.. Orphans.Select(o => new OrphanReading(o.Orphan, o.AdoptedBy))]);

    /// <summary>Runs one reconciliation at <paramref name="level"/>, applies what it says, and goes deeper when it asks to.</summary>
    /// <param name="lookUp">Orders to look up by clOrdId (clOrdId → instId): those whose fills were just booked.</param>
    public async Task<ReconciliationResult> RunAsync(ReconciliationLevel level, CancellationToken ct = default, IReadOnlyDictionary<string, string>? lookUp = null)
    {
        var lookups = new Dictionary<string, ExchangeOrder?>(StringComparer.Ordinal);
        foreach (var (clOrdId, instId) in lookUp ?? new Dictionary<string, string>())
            await LookUpAsync(lookups, clOrdId, instId, ct);
        if (level >= ReconciliationLevel.Medium)
            foreach (var entry in _supervisor.Journal.Open.Where(e => e.State is JournalState.Unknown or JournalState.Intended).ToList())
                await LookUpAsync(lookups, entry.ClOrdId, entry.Request.InstId, ct);

        var input = await GatherAsync(level, lookups, ct);
        var newestFill = input.Exchange.Fills.Count > 0 ? input.Exchange.Fills.Max(f => f.TimestampMs) : (long?)null;
        var result = Reconciler.Reconcile(input, level);
        var pendingLookups = await ApplyAsync(result, lookups, ct);
        if (pendingLookups)
        {
            // The reconciler asked for orders to be looked up: reconcile again with the answers (never retry an order).
            result = Reconciler.Reconcile(await GatherAsync(level, lookups, ct), level);
            await ApplyAsync(result, lookups, ct);
        }
        LastRun = (_supervisor.NowMs, level);
        if (level >= ReconciliationLevel.Medium)
            SettleVanished(result, positionsOnly: level != ReconciliationLevel.Full);
        if (level >= ReconciliationLevel.Deep)
            AdvanceWindow(newestFill);
        if (result.Escalate && level < ReconciliationLevel.Deep)
            return await RunAsync(ReconciliationLevel.Deep, ct, lookUp);
        return result;
    }

    /// <summary>The last time the exchange could not be asked (it is asked again at the next run); null once a run succeeds.</summary>
    public Exception? LastFailure { get; private set; }

    public async ValueTask AfterCycleAsync(CancellationToken ct)
    {
        _cycles++;
        var booked = new Dictionary<string, string>(_bookedThisCycle, StringComparer.Ordinal);
        _bookedThisCycle.Clear();
        _fillsSinceMedium += booked.Count;
        try
        {
            if (_supervisor.HasUnattributedFills || _cycles % CyclesPerDeep == 0 || LastFailure is not null)
                await RunAsync(ReconciliationLevel.Deep, ct, booked);
            else if (_fillsSinceMedium >= FillsPerMedium)
            {
                _fillsSinceMedium = 0;
                await RunAsync(ReconciliationLevel.Medium, ct, booked);
            }
            else if (booked.Count > 0)
                await RunAsync(ReconciliationLevel.Light, ct, booked);
            LastFailure = null;
        }
        catch (Exception e) when (Supervisor.IsExchangeFailure(e))
        {
            // The exchange did not answer: nothing was concluded; the next cycle reconciles deeply once it does.
            LastFailure = e;
        }
    }

    private async Task<ReconciliationInput> GatherAsync(ReconciliationLevel level, Dictionary<string, ExchangeOrder?> lookups, CancellationToken ct)
    {
        var instruments = _exchange.Instruments;
        var full = level == ReconciliationLevel.Full;
        var trades = full ? _supervisor.Ledger.Records : WindowTrades(_supervisor.Ledger.Records);
        var privateRecords = full ? LedgerFacts.PrivateRecordsOf(_supervisor) : null;

        IReadOnlyList<ExchangePosition> positions = [];
        IReadOnlyList<ExchangeOrder> pending = [];
        IReadOnlyList<ExchangeFill> fills = [];
        if (level >= ReconciliationLevel.Medium)
        {
            positions = [.. await _exchange.GetPositionsAsync(ct: ct), .. ExchangeFacts.SpotPositions(await _exchange.GetBalancesAsync(ct), instruments)];
            pending = await _exchange.GetPendingOrdersAsync(ct: ct);
        }
        if (level >= ReconciliationLevel.Deep)
            fills = await _exchange.GetFillsAsync(sinceMs: _windowFromMs, ct: ct);
        var now = _supervisor.NowMs;
        var complete = _fillRetention is not { } keep || now - _windowFromMs <= (long)keep.TotalMilliseconds;
        var marks = instruments.ToDictionary(i => i.InstId, i => _supervisor.Marks[i], StringComparer.Ordinal);
        return new ReconciliationInput(instruments,
            new LedgerFacts(LedgerFacts.AgentsOf(_supervisor), trades, privateRecords, LedgerFacts.JournalOf(_supervisor)),
            new ExchangeFacts(positions, pending, fills, new FillWindow(_windowFromMs, complete), lookups),
            [.. _orphans.Values.Select(o => o.Orphan)], _known, marks, now);
    }

    /// <summary>
    /// The trades of the window: every record whose fill is at or after its start. Bookings are not in fill-time order (a
    /// correction books an older fill late), so this filters rather than slices; but it starts at the first record that
    /// can qualify: the window only moves forward, so a record once older than its start stays out. A light check after a
    /// cycle therefore reads the window's records, not the whole ledger. The last record is always included: it dates the books.
    /// </summary>
    private IReadOnlyList<TradeRecord> WindowTrades(IReadOnlyList<TradeRecord> records)
    {
        if (_windowFromMs <= 0) return records;
        while (_firstWindowRecord < records.Count && records[_firstWindowRecord].TimestampMs < _windowFromMs) _firstWindowRecord++;
        var window = new List<TradeRecord>();
        for (var i = _firstWindowRecord; i < records.Count; i++)
            if (records[i].TimestampMs >= _windowFromMs) window.Add(records[i]);
        if (records.Count > 0 && (window.Count == 0 || !ReferenceEquals(window[^1], records[^1]))) window.Add(records[^1]);
        return window;
    }

    /// <summary>
    /// Findings that a run no longer finds are resolved: at a full run, those recorded before a restart were corrected
    /// before the crash (the booking committed, its finding not yet marked); at every run that checks positions, a
    /// position difference that is gone (the exchange and the books agree again). Orphans and open blocks stay.
    /// </summary>
    private void SettleVanished(ReconciliationResult result, bool positionsOnly)
    {
        var standing = result.All.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var vanished = _items.Values.Where(i => !i.Resolved && !standing.Contains(i.Id) && !_orphans.ContainsKey(i.Id) && !_blocks.ContainsKey(i.Id)
                && (!positionsOnly || i.Kind is ReconciliationKinds.PositionDrift or ReconciliationKinds.DirectionMismatch))
            .Select(i => i with { Resolved = true, Correction = positionsOnly ? "no longer found: the exchange and the books agree" : i.Correction ?? "corrected before the restart" }).ToList();
        foreach (var item in vanished) _items[item.Id] = item;
        if (vanished.Count > 0) _store?.SaveItems(vanished, new HashSet<string>());
    }

    /// <summary>
    /// The next deep run starts at the newest fill this one attributed: fill times are the exchange's clock, which the
    /// engine's market time need not follow (a replay runs ahead of the wall clock).
    /// </summary>
    private void AdvanceWindow(long? newestFill)
    {
        if (newestFill is { } newest) _windowFromMs = Math.Max(_windowFromMs, newest);
        _supervisor.ForgetUnattributed();
        _store?.SetCounter(WindowCounter, _windowFromMs);
    }

    private async Task LookUpAsync(Dictionary<string, ExchangeOrder?> lookups, string clOrdId, string instId, CancellationToken ct)
    {
        if (!lookups.ContainsKey(clOrdId))
            lookups[clOrdId] = await _exchange.GetOrderAsync(instId, null, clOrdId, ct);
    }
}
