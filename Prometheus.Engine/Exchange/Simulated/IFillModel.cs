using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>Where and how much an order fills against a bar. Pure: it never touches the account.</summary>
public interface IFillModel
{
    /// <summary>The largest size (instrument units, a lot multiple) one order may take from <paramref name="bar"/>.</summary>
    decimal MaxFillSize(Instrument instrument, in Candle bar);

    /// <summary>The price a taker (market) fill of <paramref name="size"/> gets against the last bar.</summary>
    decimal TakerPrice(Instrument instrument, OrderSide side, decimal size, in Candle bar);

    /// <summary>The price a limit order that crosses the last price at placement gets: its limit or better.</summary>
    decimal CrossingLimitPrice(Instrument instrument, OrderSide side, decimal limitPrice, decimal size, in Candle bar);

    /// <summary>Whether a limit order at <paramref name="limitPrice"/> is reached by a new bar.</summary>
    bool Crosses(OrderSide side, decimal limitPrice, in Candle bar);

    /// <summary>Whether a new limit order crosses the last price and so takes liquidity at once.</summary>
    bool IsMarketable(OrderSide side, decimal limitPrice, in Candle lastBar);
}
