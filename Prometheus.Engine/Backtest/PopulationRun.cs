using System.Diagnostics;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Market;
using Prometheus.Engine.Startup;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Backtest;

/// <summary>
/// What one run of a population is asked to do: trade bars [<see cref="From"/>, <see cref="To"/>) after the indicators
/// warmed up on [<see cref="WarmupFrom"/>, <see cref="From"/>) (read, never traded), through the live Supervisor, agents,
/// risk and ledger code on a simulated exchange that settles funding. Founders are random genomes of the configured
/// profile, or <see cref="Founders"/>. Evolution runs unless <see cref="Evolve"/> is false, and stops at bar
/// <see cref="FreezeAt"/>; the living population is captured at the start of each bar of <see cref="CaptureAt"/>.
/// <see cref="Bars"/> is the timeline (and, alone, every traded instrument's price); with <see cref="BarsByTraded"/>,
/// each traded instrument has its own series aligned to it (the same bar times; an empty bar where one has none).
/// </summary>
internal sealed record PopulationRunSpec(
    IReadOnlyList<Candle> Bars,
    int WarmupFrom,
    int From,
    int To,
    long IntervalMs,
    EngineOptions Options,
    int Seed,
    FundingRates Funding,
    IReadOnlyList<(Genome Genome, Personality Personality)>? Founders = null,
    bool Evolve = true,
    int? FreezeAt = null,
    IReadOnlyList<int>? CaptureAt = null,
    IReadOnlyList<IReadOnlyList<Candle>>? BarsByTraded = null)
{
    /// <summary>Traded instrument <paramref name="traded"/>'s bar <paramref name="i"/>.</summary>
    public Candle Bar(int traded, int i) => BarsByTraded is { } each ? each[traded][i] : Bars[i];
}

/// <summary>One opening fill of the population: the side, what it cost, when, and when its position was next flat (or the run ended).</summary>
internal readonly record struct PopulationEntry(Instrument Instrument, PositionSide Side, decimal Notional, int EntryBar, int ExitBar);

/// <summary>What a population run leaves: its curve and costs, its exposure, its entries, the captured populations and the engine.</summary>
internal sealed class PopulationResult
{
    public required EquityCurve Equity { get; init; }
    public required double AvgNetExposure { get; init; }
    public required double AvgGrossExposure { get; init; }
    public required double DeployedShare { get; init; }
    public required decimal DeployedCapital { get; init; }
    public required int Trades { get; init; }
    public required decimal FeesPaid { get; init; }
    public required decimal FundingPaid { get; init; }
    public required long AgentBars { get; init; }
    public required double Seconds { get; init; }
    public required IReadOnlyDictionary<int, IReadOnlyList<(Genome Genome, Personality Personality)>> Captured { get; init; }
    public required Supervisor Supervisor { get; init; }
    public required SimulatedExchange Exchange { get; init; }
    /// <summary>Equity of the book over bars [FreezeAt, To), when a freeze was asked for.</summary>
    public EquityCurve? AfterFreeze { get; init; }
    public int TradesAfterFreeze { get; init; }

    /// <summary>Every opening fill booked in the run, with the bar its position was next flat (To when still open).</summary>
    public IReadOnlyList<PopulationEntry> Entries(IReadOnlyList<Candle> bars, int from, int to, long intervalMs)
    {
        var entries = new List<PopulationEntry>();
        var firstOpenMs = bars[from].TimestampMs;
        foreach (var ledger in Supervisor.Ledger.PrivateLedgers.Values)
        {
            var open = new Dictionary<(string, PositionSide), List<(Instrument Instrument, PositionSide Side, decimal Notional, int Bar)>>();
            var amount = new Dictionary<(string, PositionSide), decimal>();
            foreach (var r in ledger.History)
            {
                var instrument = Supervisor.Instruments.Get(r.InstId);
                var slot = (r.InstId, r.PosSide);
                // A fill's time is the close of the bar it was placed on.
                var bar = from + (int)((r.TimestampMs - firstOpenMs) / intervalMs) - 1;
                if (!r.Side.IsClosing())
                {
                    amount[slot] = amount.GetValueOrDefault(slot) + r.Amount;
                    (open.TryGetValue(slot, out var list) ? list : open[slot] = []).Add((instrument, r.PosSide, instrument.Notional(r.Amount, r.Price), bar));
                    continue;
                }
                amount[slot] = amount.GetValueOrDefault(slot) - r.Amount;
                if (amount[slot] > 0m || !open.TryGetValue(slot, out var pending)) continue;
                foreach (var e in pending) entries.Add(new PopulationEntry(e.Instrument, e.Side, e.Notional, e.Bar, bar));
                pending.Clear();
            }
            // Still open at the end: by symbol, long before short (the order the books list positions in).
            foreach (var (_, pending) in open.OrderBy(o => o.Key.Item1, StringComparer.Ordinal).ThenBy(o => o.Key.Item2))
                    foreach (var e in pending) entries.Add(new PopulationEntry(e.Instrument, e.Side, e.Notional, e.Bar, to));
        }
        entries.Sort((a, b) => a.EntryBar != b.EntryBar ? a.EntryBar.CompareTo(b.EntryBar) : a.ExitBar.CompareTo(b.ExitBar));
        return entries;
    }
}

/// <summary>Runs a <see cref="PopulationRunSpec"/>. The same spec gives the same ledger, bit for bit.</summary>
internal static class PopulationRun
{
    private const int ProgressEveryBars = 512;

    public static async ValueTask<PopulationResult> RunAsync(PopulationRunSpec spec, IProgress<BacktestProgress>? progress = null,
        CancellationToken ct = default)
    {
        var bars = spec.Bars;
        var interval = spec.IntervalMs;
        var clock = new MarketClock(DateTimeOffset.FromUnixTimeMilliseconds(bars[spec.From].TimestampMs));
        var exchange = EngineComposition.InMemorySimulatedExchange(spec.Options, clock, spec.Seed, spec.Funding, spec.Options.Traded);
        var supervisor = new Supervisor(spec.Options, exchange, clock, new Random(spec.Seed));
        var traded = spec.Options.Traded;
        var row = new Candle[traded.Count];
        for (var i = spec.WarmupFrom; i < spec.From; i++)
            supervisor.WarmUpAligned(Row(spec, i, row));
        if (spec.From > 0)
            for (var t = 0; t < traded.Count; t++)
                exchange.OnBar(traded[t].InstId, spec.Bar(t, spec.From - 1));
        await supervisor.StartAsync(ct, spec.Founders);
        supervisor.AllowEvolution(spec.Evolve);

        var equity = new EquityCurve(supervisor.Equity);
        EquityCurve? afterFreeze = null;
        var tradesAtFreeze = 0;
        var deployed = supervisor.Ledger.CashTotal;
        var captured = new Dictionary<int, IReadOnlyList<(Genome, Personality)>>();
        double netSum = 0, grossSum = 0, deployedSum = 0;
        long agentBars = 0;
        var watch = Stopwatch.StartNew();

        // The same trading loop as paper and live, unpaced, on a feed that ends with the range: before each bar's cycle
        // the run freezes evolution or captures the population where asked; after it, it observes the book.
        var feed = new RangeFeed(spec)
        {
            Taking = i =>
            {
                if (spec.CaptureAt is { } capture && capture.Contains(i))
                    captured[i] = Living(supervisor);
                if (i == spec.FreezeAt)
                {
                    supervisor.AllowEvolution(false);
                    afterFreeze = new EquityCurve(supervisor.Equity);
                    tradesAtFreeze = supervisor.Ledger.Records.Count;
                }
                agentBars += supervisor.Living.Count;
            },
        };
        var loop = EngineComposition.BacktestLoop(supervisor, feed, _ =>
        {
            var row = feed.BarsByTraded;
            for (var t = 0; t < traded.Count; t++) exchange.OnBar(traded[t].InstId, row[t]);
        }, clock);
        loop.CycleCompleted += () =>
        {
            var closeMs = supervisor.NowMs;
            var value = supervisor.Equity;
            equity.Observe(closeMs, value);
            afterFreeze?.Observe(closeMs, value);
            if (value > 0m)
            {
                // Averages of ratios: double is plenty, and a decimal division per bar is not free.
                var (net, gross) = supervisor.Ledger.Exposure(supervisor.Marks);
                var equityValue = (double)value;
                netSum += (double)net / equityValue;
                grossSum += (double)gross / equityValue;
                deployedSum += 1 - (double)supervisor.Mastermind.Pool / equityValue;
            }
            var i = feed.NextIndex - 1;
            if (progress is not null && ((i - spec.From) % ProgressEveryBars == 0 || i == spec.To - 1))
                progress.Report(new BacktestProgress(i - spec.From + 1, spec.To - spec.From, supervisor.Living.Count, supervisor.Ledger.Records.Count));
        };
        // A simulated exchange does not fail; if it does, the run stops with it rather than going on as live would.
        Exception? failure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        loop.CycleFailed += e =>
        {
            failure ??= e;
            stop.Cancel();
        };
        await loop.RunAsync(stop.Token);
        if (failure is not null) throw new InvalidOperationException($"The backtest's exchange failed at {clock.GetUtcNow():u}: {failure.Message}", failure);
        ct.ThrowIfCancellationRequested();
        watch.Stop();
        if (spec.CaptureAt is { } last && last.Contains(spec.To))
            captured[spec.To] = Living(supervisor);

        var bars_ = Math.Max(1, spec.To - spec.From);
        return new PopulationResult
        {
            Equity = equity,
            AvgNetExposure = netSum / bars_,
            AvgGrossExposure = grossSum / bars_,
            DeployedShare = deployedSum / bars_,
            DeployedCapital = deployed,
            Trades = supervisor.Ledger.Records.Count,
            FeesPaid = supervisor.Ledger.FeesTotal,
            FundingPaid = supervisor.Ledger.FundingTotal,
            AgentBars = agentBars,
            Seconds = watch.Elapsed.TotalSeconds,
            Captured = captured,
            Supervisor = supervisor,
            Exchange = exchange,
            AfterFreeze = afterFreeze,
            TradesAfterFreeze = supervisor.Ledger.Records.Count - tradesAtFreeze,
        };
    }

    /// <summary>The living population (not dying), oldest first: what a later run is founded with.</summary>
    private static IReadOnlyList<(Genome, Personality)> Living(Supervisor supervisor) =>
        [.. supervisor.Living.Where(a => a.PendingDeath is null).OrderBy(a => a.Id).Select(a => (a.Genome, a.Personality))];

    /// <summary>Bar <paramref name="i"/> of every traded instrument, into <paramref name="row"/> (reused: nothing allocated per bar).</summary>
    private static Candle[] Row(PopulationRunSpec spec, int i, Candle[] row)
    {
        for (var t = 0; t < row.Length; t++) row[t] = spec.Bar(t, i);
        return row;
    }
}
