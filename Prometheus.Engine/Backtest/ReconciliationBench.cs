using Prometheus.Engine.Configuration;
using System.Diagnostics;
using System.Globalization;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Recovery.Reconciliation;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Backtest;

/// <summary>The bench's reconciliation section: one Full reconciliation of <see cref="Agents"/> agents against <see cref="Fills"/> fills.</summary>
public sealed record ReconciliationBenchReport(int Agents, int Fills, double Seconds);

/// <summary>
/// Times <see cref="Reconciler.Reconcile"/> at Full level on a synthetic but realistic book (seeded): agents half on
/// spot and half on the swap opening, adding and closing; one booking in a hundred lost; trades and partial closes by
/// hand; a tenth of the agents dead; resting orders, some left behind; orders sent without an answer. The input is
/// built once; <see cref="ReconciliationBenchReport.Seconds"/> is the median of the repetitions.
/// </summary>
public static class ReconciliationBench
{
    public static ReconciliationBenchReport Run(int agents = 100, int fills = 10_000, int repetitions = 7, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(agents, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(fills, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        var input = Build(agents, fills, new Random(seed));
        Reconciler.Reconcile(input, ReconciliationLevel.Full); // warm-up: JIT, first-touch allocations
        var seconds = new double[repetitions];
        for (var i = 0; i < repetitions; i++)
        {
            var started = Stopwatch.GetTimestamp();
            Reconciler.Reconcile(input, ReconciliationLevel.Full);
            seconds[i] = Stopwatch.GetElapsedTime(started).TotalSeconds;
        }
        Array.Sort(seconds);
        return new ReconciliationBenchReport(agents, fills, seconds[repetitions / 2]);
    }

    /// <summary>The book and the exchange after <paramref name="fills"/> fills, as the coordinator would gather them.</summary>
    public static ReconciliationInput Build(int agents, int fills, Random random)
    {
        var traded = new EngineOptions().Traded; // the default pair: one spot, one swap
        var spot = traded.First(i => i.Kind == InstrumentKind.Spot);
        var swap = traded.First(i => i.Kind == InstrumentKind.Swap);
        var held = new Dictionary<(int Agent, PositionSide Side), decimal>();
        var exchange = new Dictionary<(string InstId, PositionSide Side), decimal>();
        var records = new List<TradeRecord>(fills);
        var exchangeFills = new List<ExchangeFill>(fills);
        var price = 50_000m;
        const long start = 1_700_000_000_000;
        long sequence = 0;

        for (var k = 0; k < fills; k++)
        {
            var timestamp = start + k * 60_000L;
            price = Math.Max(10_000m, price + random.Next(-50, 51));
            var tradeId = (k + 1).ToString(CultureInfo.InvariantCulture);
            var roll = random.NextDouble();
            if (roll < 0.006)
            {
                // By hand on the swap: mostly a new position, now and then part of the long closed.
                var side = random.Next(2) == 0 ? PositionSide.Long : PositionSide.Short;
                var closing = roll < 0.001 && exchange.GetValueOrDefault((swap.InstId, PositionSide.Long)) >= 1m;
                var size = closing ? swap.RoundDownToLot(exchange[(swap.InstId, PositionSide.Long)] / 3) : random.Next(1, 20) / 10m;
                side = closing ? PositionSide.Long : side;
                exchangeFills.Add(Fill(tradeId, "", swap, closing ? ReconciliationContext.ClosingSide(side) : ReconciliationContext.OpeningSide(side),
                    side, size, price, timestamp));
                exchange[(swap.InstId, side)] = exchange.GetValueOrDefault((swap.InstId, side)) + (closing ? -size : size);
                continue;
            }

            var agent = 1 + random.Next(agents);
            var instrument = agent % 2 == 1 ? spot : swap;
            var posSide = instrument == spot || random.Next(2) == 0 ? PositionSide.Long : PositionSide.Short;
            var mine = held.GetValueOrDefault((agent, posSide));
            var onExchange = exchange.GetValueOrDefault((instrument.InstId, posSide));
            var close = mine > 0m && random.Next(100) < 45;
            var amount = close
                ? Math.Min(Math.Min(mine, onExchange), Math.Max(instrument.MinSize, instrument.RoundDownToLot(mine * random.Next(20, 101) / 100m)))
                : instrument == spot ? random.Next(10, 500) / 10_000m : random.Next(1, 30) / 10m;
            if (amount <= 0m)
                continue;
            var clOrdId = string.Create(CultureInfo.InvariantCulture, $"p{agent}x{++sequence}");
            var fill = Fill(tradeId, clOrdId, instrument, close ? ReconciliationContext.ClosingSide(posSide) : ReconciliationContext.OpeningSide(posSide),
                posSide, amount, price, timestamp);
            exchangeFills.Add(fill);
            exchange[(instrument.InstId, posSide)] = onExchange + (close ? -amount : amount);
            if (random.Next(100) == 0)
                continue; // the engine never booked it
            var tradeSide = close ? (posSide == PositionSide.Long ? TradeSide.Sell : TradeSide.Cover)
                : posSide == PositionSide.Long ? (mine > 0m ? TradeSide.Add : TradeSide.Buy) : (mine > 0m ? TradeSide.AddShort : TradeSide.Short);
            records.Add(new TradeRecord(records.Count + 1, agent, instrument.InstId, tradeSide, posSide, amount, price, fill.Fee, fill.OrdId,
                clOrdId, tradeId, timestamp, 0.5, 0m, TradeOrigin.Decision));
            held[(agent, posSide)] = close ? mine - amount : mine + amount;
        }

        var ledgerAgents = Enumerable.Range(1, agents).Select(id =>
        {
            var instId = id % 2 == 1 ? spot.InstId : swap.InstId;
            var positions = new[] { PositionSide.Long, PositionSide.Short }
                .Where(side => held.GetValueOrDefault((id, side)) > 0m)
                .Select(side => new LedgerPosition(instId, side, held[(id, side)], price)).ToList();
            return new LedgerAgent(id, Alive: positions.Count > 0 || id % 10 != 0, positions);
        }).ToList();

        var positionsOnExchange = exchange.Where(e => e.Value > 0m)
            .Select(e => new ExchangePosition(e.Key.InstId, e.Key.Side, e.Value, price, 3m, 0m, 0m, 0m)).ToList();
        var pending = Enumerable.Range(1, agents).Select(id => new ExchangeOrder($"r{id}", $"p{id}x{++sequence}",
            id % 2 == 1 ? spot.InstId : swap.InstId, OrderSide.Sell, PositionSide.Long, OrderType.Limit, 0.1m, price * 1.2m, 0m, 0m, 0m,
            OrderState.Live, start, start)).ToList();
        var journal = Enumerable.Range(1, 5).Select(i => new JournalEntryState(i, $"p{i}x{++sequence}",
            new OrderRequest(swap.InstId, $"p{i}x{sequence}", OrderSide.Buy, PositionSide.Long, OrderType.Market, 1m), TradeOrigin.Decision, 0.5,
            start, JournalState.Unknown, null)).ToList();
        var lookups = journal.ToDictionary(e => e.ClOrdId, _ => (ExchangeOrder?)null, StringComparer.Ordinal);

        return new ReconciliationInput(traded,
            new LedgerFacts(ledgerAgents, records, [.. records], journal),
            new ExchangeFacts(positionsOnExchange, pending, exchangeFills, new FillWindow(start, Complete: true), lookups),
            [], new HashSet<string>(StringComparer.Ordinal), traded.ToDictionary(i => i.InstId, _ => price),
            start + fills * 60_000L);
    }

    private static ExchangeFill Fill(string tradeId, string clOrdId, Instrument instrument, OrderSide side, PositionSide posSide, decimal size,
        decimal price, long timestamp) =>
        new(tradeId, tradeId, clOrdId, instrument.InstId, side, posSide, size, price,
            decimal.Round(instrument.Notional(size, price) * instrument.TakerFeeRate, 8), instrument.QuoteCcy, timestamp);
}
