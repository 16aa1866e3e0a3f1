namespace Prometheus.Engine.Ledger;

/// <summary>Why the order behind a booked fill was placed.</summary>
public enum TradeOrigin
{
    /// <summary>The agent's own decision.</summary>
    Decision,
    /// <summary>A stop loss, take profit or maximum holding time.</summary>
    RiskExit,
    /// <summary>Closing the positions of an agent that died.</summary>
    Death,
    /// <summary>An emergency close that bypassed pre-trade checks.</summary>
    Emergency,
    /// <summary>The exchange liquidated the position.</summary>
    Liquidation,
    /// <summary>Closed outside Prometheus (by hand, or a stop on the exchange), found by reconciliation.</summary>
    Outside,
}
