using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Backtest;

/// <summary>
/// A plain book for the benchmarks and null models: signed positions in the traded instruments, at market
/// with the simulated exchange's own costs — its fill model (the bar's close moved by the same slippage model), OKX's
/// taker fees, and funding on the swap at the same rates and times as the population pays. Accounting is linear, so
/// many overlapping trades add up exactly: cash pays for what is bought and receives what is sold, equity is cash plus
/// every position at the mark. Margin is not modelled (a benchmark never runs out of it).
/// Driven bar by bar: <see cref="OnBar"/> first (prices, funding), then any <see cref="Trade"/> at that bar's close.
/// </summary>
internal sealed class PaperBook
{
    private readonly IFillModel _fills;
    private readonly IFeeModel _fees = new OkxFeeModel();
    private readonly FundingRates _funding;
    private readonly Instrument _swap;
    private readonly List<Instrument> _instruments = [];
    private readonly List<decimal> _units = []; // signed, in instrument units (the coin on spot; contracts on a swap)
    private Candle _bar;
    private long _nextFundingMs;

    /// <param name="swap">The swap <see cref="RebalanceSwap"/> holds (the benchmarks' instrument).</param>
    public PaperBook(decimal capital, SimulatedExchangeOptions options, FundingRates funding, Random random, Instrument swap)
    {
        _swap = swap;
        Cash = capital;
        _fills = new BarFillModel(options, new VolumeSlippageModel(options, random));
        _funding = funding;
    }

    public decimal Cash { get; private set; }
    public decimal FeesPaid { get; private set; }
    public decimal FundingPaid { get; private set; }
    public int Fills { get; private set; }
    public decimal Mark => _bar.Close;

    public decimal Units(Instrument instrument) => _instruments.IndexOf(instrument) is var i and >= 0 ? _units[i] : 0m;

    private int Slot(Instrument instrument)
    {
        var i = _instruments.IndexOf(instrument);
        if (i >= 0) return i;
        _instruments.Add(instrument);
        _units.Add(0m);
        return _instruments.Count - 1;
    }

    public decimal Equity
    {
        get
        {
            var equity = Cash;
            for (var i = 0; i < _units.Count; i++)
                if (_units[i] != 0m) equity += _instruments[i].Notional(_units[i], _bar.Close);
            return equity;
        }
    }

    /// <summary>Signed notional of every position at the mark, over equity: the book's net exposure.</summary>
    public decimal NetExposure
    {
        get
        {
            var equity = Equity;
            if (equity <= 0m) return 0m;
            var net = 0m;
            for (var i = 0; i < _units.Count; i++) net += _instruments[i].Notional(_units[i], _bar.Close);
            return net / equity;
        }
    }

    /// <summary>A new bar closed at <paramref name="closeMs"/>: it prices the book, and the swap settles any funding time it reached.</summary>
    public void OnBar(in Candle bar, long closeMs)
    {
        if (!bar.IsEmpty || _bar.Close == 0m) _bar = bar;
        if (_nextFundingMs == 0) _nextFundingMs = FundingRates.NextAfter(closeMs);
        while (_nextFundingMs <= closeMs)
        {
            for (var i = 0; i < _units.Count; i++)
            {
                if (_units[i] == 0m || _instruments[i].Kind != InstrumentKind.Swap) continue;
                // A long pays a positive rate: funding = signed notional × rate.
                var paid = _instruments[i].Notional(_units[i], _bar.Close) * _funding.RateAt(_instruments[i].InstId, _nextFundingMs).Rate;
                Cash -= paid;
                FundingPaid += paid;
            }
            _nextFundingMs += FundingRates.PeriodMs;
        }
    }

    /// <summary>
    /// Buys (positive) or sells (negative) <paramref name="units"/> at market on the last bar, rounded down to the lot;
    /// returns the signed units traded (0 when less than the minimum size).
    /// </summary>
    public decimal Trade(Instrument instrument, decimal units)
    {
        var size = instrument.RoundDownToLot(Math.Abs(units));
        if (size < instrument.MinSize || _bar.Close <= 0m) return 0m;
        var side = units > 0m ? OrderSide.Buy : OrderSide.Sell;
        var price = _fills.TakerPrice(instrument, side, size, _bar);
        var notional = instrument.Notional(size, price);
        var fee = _fees.Fee(instrument, notional, isMaker: false);
        var signed = side == OrderSide.Buy ? size : -size;
        _units[Slot(instrument)] += signed;
        Cash -= (side == OrderSide.Buy ? notional : -notional) + fee;
        FeesPaid += fee;
        Fills++;
        return signed;
    }

    /// <summary>Moves the swap position to <paramref name="exposure"/> × equity of notional (negative: short).</summary>
    public void RebalanceSwap(decimal exposure)
    {
        if (_bar.Close <= 0m) return;
        var swap = _swap;
        var target = exposure * Equity / (_bar.Close * swap.ContractValue);
        Trade(swap, target - _units[Slot(swap)]);
    }
}
