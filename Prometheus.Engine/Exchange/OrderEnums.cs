namespace Prometheus.Engine.Exchange;

/// <summary>OKX side: buy or sell.</summary>
public enum OrderSide
{
    Buy,
    Sell,
}

/// <summary>
/// OKX posSide in hedge mode (long_short_mode): open long = buy/long, close long = sell/long,
/// open short = sell/short, close short = buy/short. Spot orders carry Long (spot holdings are long).
/// </summary>
public enum PositionSide
{
    Long,
    Short,
}

public enum OrderType
{
    Market,
    Limit,
}

/// <summary>OKX order states: live, partially_filled, filled, canceled; Rejected never reaches the book.</summary>
public enum OrderState
{
    Live,
    PartiallyFilled,
    Filled,
    Canceled,
    Rejected,
}
