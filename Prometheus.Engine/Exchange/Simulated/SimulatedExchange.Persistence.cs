using System.Diagnostics;
using Prometheus.Engine.Market;
using Prometheus.Engine.Exchange.Simulated.Persistence;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// The exchange's own durable state, as a real exchange outlives its client. With a store (see
/// <see cref="Open(ISimulatedExchangeStore,SimulatedExchangeOptions,TimeProvider,Random,IEnumerable{Instrument},FundingRates)"/>) every operation that changes anything ends with one <see cref="ISimulatedExchangeStore.Commit"/> of what it
/// changed, and only then returns its acknowledgement and publishes its fills on <see cref="Fills"/>: an order
/// acknowledged or a fill seen was committed. A kill between the commit and the client's booking leaves a fill on
/// the exchange that the client lacks, to be found by reconciliation (<see cref="GetFillsAsync"/>).
/// Operations: PlaceOrder, Cancel, SetLeverage, OnBar (when a bar fills a resting order, liquidates or reaches a
/// funding time: the bills, the balance and the next funding time in one commit), and the outside events. A rejected
/// order changes nothing and commits nothing (except funding the clock had made due, which is settled first).
/// Bars: the last bar of each instrument rides along with the next commit, and a bar that changes nothing else is
/// committed on its own at most once per <see cref="BarCommitInterval"/> of real time. After a restart the
/// exchange may therefore price with a bar older than the last it saw (by at most that interval) until the next bar.
/// A failed commit stops the exchange: its memory is then ahead of its store, so every later call throws
/// <see cref="ExchangeStoreException"/>; reopen it from the store (which holds the state before that operation).
/// Without a store (backtests) none of this runs: the fills are published as they are made.
/// </summary>
public sealed partial class SimulatedExchange : IDisposable
{
    private SimulatedExchangeJournal? _journal;

    /// <summary>
    /// How often, at most, a bar that changes nothing else is committed on its own (real time, not the injected
    /// clock, so a fast replay does not commit every bar). Bars always ride along with account changes.
    /// </summary>
    public TimeSpan BarCommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether this exchange commits to a store.</summary>
    public bool IsDurable => _journal is not null;

    /// <summary>
    /// Opens (or creates) the SQLite store at <paramref name="path"/> (conventionally
    /// &lt;dataDir&gt;/<see cref="SqliteSimulatedExchangeStore.DefaultFileName"/>) and returns the exchange it holds,
    /// or a fresh one with <see cref="SimulatedExchangeOptions.InitialBalance"/> when it holds none. The exchange owns
    /// the store: disposing the exchange closes it.
    /// </summary>
    /// <exception cref="ExchangeStoreException">The file is corrupt, not a store, written by a newer version, or
    /// holds a state these instruments cannot take. The file is left as it was.</exception>
    /// <param name="funding">The funding rates its swaps settle; null settles none.</param>
    public static SimulatedExchange Open(
        string path, SimulatedExchangeOptions options, TimeProvider time, Random random, IEnumerable<Instrument>? instruments = null,
        FundingRates? funding = null)
    {
        var store = SqliteSimulatedExchangeStore.Open(path);
        try
        {
            return Open(store, ownsStore: true, options, time, random, instruments, funding);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The exchange <paramref name="store"/> holds, or a fresh one (whose initial state is committed at once) when it
    /// holds none. The caller keeps ownership of the store and disposes it after the exchange.
    /// </summary>
    public static SimulatedExchange Open(
        ISimulatedExchangeStore store, SimulatedExchangeOptions options, TimeProvider time, Random random,
        IEnumerable<Instrument>? instruments = null, FundingRates? funding = null) =>
        Open(store, ownsStore: false, options, time, random, instruments, funding);

    private static SimulatedExchange Open(
        ISimulatedExchangeStore store, bool ownsStore, SimulatedExchangeOptions options, TimeProvider time, Random random,
        IEnumerable<Instrument>? instruments, FundingRates? funding)
    {
        ArgumentNullException.ThrowIfNull(store);
        var state = store.Load();
        SimulatedExchange exchange;
        if (state is null)
        {
            exchange = new SimulatedExchange(options, time, random, instruments, funding);
            exchange._journal = new SimulatedExchangeJournal(store, ownsStore);
        }
        else
        {
            try
            {
                exchange = Restore(state, options, time, random, instruments, funding);
            }
            catch (ArgumentException e) when (e.ParamName == "state")
            {
                throw new ExchangeStoreException($"The simulated exchange store {store.Location} holds a state this exchange cannot restore: {e.Message}", e)
                {
                    FilePath = store.Location,
                };
            }
            exchange._journal = new SimulatedExchangeJournal(store, ownsStore);
            exchange._journal.Baseline(state, exchange._fillHistory.Count);
        }
        // Fresh: the initial balances and positions. Restored: whatever the instruments add to the stored state.
        exchange.Commit(barDue: true);
        return exchange;
    }

    /// <summary>Commits the last bars (when the store is still usable) and closes the store if the exchange owns it.</summary>
    public void Dispose()
    {
        if (_journal is not { Disposed: false } journal)
            return;
        try
        {
            if (journal.Failure is null)
                Commit(barDue: true);
        }
        finally
        {
            journal.Disposed = true;
            if (journal.OwnsStore)
                journal.Store.Dispose();
        }
    }

    /// <summary>Throws when the store failed or was closed. Free without a store.</summary>
    private void EnsureUsable()
    {
        if (_journal is { } journal && (journal.Failure is not null || journal.Disposed))
            ThrowUnusable(journal);
    }

    private static void ThrowUnusable(SimulatedExchangeJournal journal)
    {
        if (journal.Failure is { } failure)
            throw Stopped(journal, failure);
        throw new ObjectDisposedException(nameof(SimulatedExchange));
    }

    private static ExchangeStoreException Stopped(SimulatedExchangeJournal journal, Exception failure)
    {
        var location = journal.Store.Location;
        return new ExchangeStoreException(
            $"The simulated exchange could not commit to its store {location} and is stopped: reopen it from the store. {failure.Message}",
            failure)
        {
            FilePath = location,
        };
    }

    private void Touch(SimulatedOrder order) => _journal?.Touch(order);

    /// <summary>After an operation: commits what it changed (free without a store).</summary>
    private void Committed()
    {
        if (_journal is not null)
            Commit(barDue: false);
    }

    /// <summary>After a bar: commits its fills at once; a bar alone only once per <see cref="BarCommitInterval"/>.</summary>
    private void CommitAfterBar(SimulatedExchangeJournal journal)
    {
        if (journal.DirtyOrders.Count > 0 || _fillHistory.Count > journal.CommittedFills || journal.FundingMoved
            || Stopwatch.GetElapsedTime(journal.LastCommitTimestamp) >= BarCommitInterval)
            Commit(barDue: true);
    }

    /// <summary>
    /// Gathers what changed since the last commit, commits it, then publishes the new fills. Nothing is committed
    /// when only bars changed and <paramref name="barDue"/> is false.
    /// </summary>
    private void Commit(bool barDue)
    {
        var journal = _journal!;
        var changes = journal.Changes;
        changes.Clear();

        var dirty = journal.DirtyOrders;
        if (dirty.Count > 1)
            dirty.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        foreach (var order in dirty)
        {
            order.Uncommitted = false;
            changes.OrderList.Add(order.ToState());
        }
        dirty.Clear();

        for (var i = journal.CommittedFills; i < _fillHistory.Count; i++)
            changes.FillList.Add(_fillHistory[i]);
        changes.FundingBillList.AddRange(journal.NewBills);

        foreach (var ccy in _wallet.Currencies)
        {
            var holding = _wallet[ccy];
            if (!journal.Balances.TryGetValue(ccy, out var last) || last.Total != holding.Total || last.Frozen != holding.Frozen)
                changes.BalanceList.Add(holding.ToState(ccy));
        }

        foreach (var book in _bookList)
        {
            if (book.IsSwap)
            {
                AddIfChanged(journal, changes, book.Long!);
                AddIfChanged(journal, changes, book.Short!);
                if (book.NextFundingMs != journal.NextFunding.GetValueOrDefault(book.Instrument.InstId))
                    changes.FundingList.Add(new SimulatedFundingState(book.Instrument.InstId, book.NextFundingMs));
            }
            if (book.HasBar && (!journal.Bars.TryGetValue(book.Instrument.InstId, out var bar) || bar != book.LastBar))
                changes.BarList.Add(new SimulatedBarState(book.Instrument.InstId, book.LastBar));
        }

        changes.LastOrdId = _lastOrdId;
        changes.LastTradeId = _lastTradeId;
        changes.LastBillId = _lastBillId;
        changes.CountersChanged = journal.LastOrdId != _lastOrdId || journal.LastTradeId != _lastTradeId || journal.LastBillId != _lastBillId;

        if (!changes.HasAccountChanges && !(barDue && changes.BarList.Count > 0))
            return;

        try
        {
            journal.Store.Commit(changes);
        }
        catch (Exception e)
        {
            journal.Failure = e;
            throw Stopped(journal, e);
        }

        var published = journal.CommittedFills;
        journal.Committed(_fillHistory.Count, Stopwatch.GetTimestamp());
        for (var i = published; i < _fillHistory.Count; i++)
            _fills.Write(_fillHistory[i]);
    }

    private static void AddIfChanged(SimulatedExchangeJournal journal, SimulatedExchangeChanges changes, SimulatedPosition position)
    {
        var state = position.ToState();
        if (!journal.Positions.TryGetValue((state.InstId, state.PosSide), out var last) || last != state)
            changes.PositionList.Add(state);
    }
}
