using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Risk;

/// <summary>An order an agent (or the Supervisor on its behalf) wants placed, before risk has seen it.</summary>
public sealed record OrderIntent(
    int AgentId,
    Instrument Instrument,
    OrderSide Side,
    PositionSide PosSide,
    decimal Size,
    decimal ReferencePrice,
    decimal Leverage,
    TradeOrigin Origin,
    double Confidence)
{
    /// <summary>Closing a long (sell/long) or a short (buy/short) reduces exposure.</summary>
    public bool ReducesExposure => (PosSide == PositionSide.Long) == (Side == OrderSide.Sell);

    public decimal Notional => Instrument.Notional(Size, ReferencePrice);

    /// <summary>Buying power an opening order holds until it is filled, rejected or cancelled.</summary>
    public decimal RequiredBuyingPower(decimal takerFeeRate) =>
        ReducesExposure ? 0m : Notional / (Instrument.Kind == InstrumentKind.Spot ? 1m : Leverage) + Notional * takerFeeRate;
}
