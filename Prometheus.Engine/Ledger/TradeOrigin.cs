namespace Prometheus.Engine.Ledger;

/// <summary>
/// Why the order behind a booked fill was placed; for a closing fill, why the position was closed (its exit reason).
/// Stored by name: values are only ever added, so every store written before still loads.
/// </summary>
public enum TradeOrigin
{
    /// <summary>The agent's own decision (an exit on its signal).</summary>
    Decision,
    /// <summary>A stop loss, take profit or maximum holding time, booked before they were told apart (older stores).</summary>
    RiskExit,
    /// <summary>Closing the positions of an agent that died.</summary>
    Death,
    /// <summary>An emergency close that bypassed pre-trade checks.</summary>
    Emergency,
    /// <summary>The exchange liquidated the position.</summary>
    Liquidation,
    /// <summary>Closed outside Prometheus (by hand, or a stop on the exchange), found by reconciliation.</summary>
    Outside,
    /// <summary>The agent's stop loss.</summary>
    StopLoss,
    /// <summary>The agent's take profit.</summary>
    TakeProfit,
    /// <summary>The position reached the maximum holding time.</summary>
    MaxHoldingTime,
    /// <summary>A person closed the position through Prometheus (the API or the dashboard).</summary>
    Manual,
}
