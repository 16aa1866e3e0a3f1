using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// Fills against OHLCV bars. A taker trades at the last close moved against it by the slippage model
/// (a buy pays more, a sell gets less), rounded to the tick. A resting limit fills at its own price when a
/// bar trades through it (buy: low ≤ px; sell: high ≥ px). One order takes at most MaxBarParticipation of a
/// bar's volume (base currency; contracts × ctVal for swaps), rounded down to the lot size. A bar whose volume is
/// unknown (<see cref="Candle.UnknownVolume"/>: a mark price series) caps nothing: any size fills at the close plus the
/// slippage model's base and random parts (it adds no impact without a volume to measure it by).
/// </summary>
public sealed class BarFillModel(SimulatedExchangeOptions options, ISlippageModel slippage) : IFillModel
{
    private const decimal BpsPerUnit = 10_000m;

    public decimal MaxFillSize(Instrument instrument, in Candle bar) =>
        bar.VolumeUnknown ? decimal.MaxValue
        : bar.Volume == 0m ? 0m
        : instrument.RoundDownToLot(options.MaxBarParticipation * bar.Volume / instrument.ContractValue);

    public decimal TakerPrice(Instrument instrument, OrderSide side, decimal size, in Candle bar)
    {
        var bps = slippage.SlippageBps(instrument, size * instrument.ContractValue, bar);
        var factor = side == OrderSide.Buy ? 1m + bps / BpsPerUnit : 1m - bps / BpsPerUnit;
        return instrument.RoundToTick(bar.Close * factor);
    }

    public decimal CrossingLimitPrice(Instrument instrument, OrderSide side, decimal limitPrice, decimal size, in Candle bar)
    {
        var taker = TakerPrice(instrument, side, size, bar);
        return side == OrderSide.Buy ? Math.Min(limitPrice, taker) : Math.Max(limitPrice, taker);
    }

    public bool Crosses(OrderSide side, decimal limitPrice, in Candle bar) =>
        side == OrderSide.Buy ? bar.Low <= limitPrice : bar.High >= limitPrice;

    public bool IsMarketable(OrderSide side, decimal limitPrice, in Candle lastBar) =>
        side == OrderSide.Buy ? limitPrice >= lastBar.Close : limitPrice <= lastBar.Close;
}
