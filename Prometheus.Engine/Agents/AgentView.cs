using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Agents;

/// <summary>
/// The part of an agent's state a decision reads: its position (if any), its temperament and standing.
/// A plain value, so a decision stays a pure function of genome, view and market.
/// </summary>
public readonly record struct AgentView(
    bool HasPosition,
    PositionSide PositionSide,
    double EntryPrice,
    long OpenedAtMs,
    double PositionFraction,      // position notional over equity at entry, 0 when flat
    bool CanShort,                // false on spot
    Personality Personality,
    EmotionalState Emotions,
    int TradingLevel,
    bool InLastStand,
    double RoundTripCost = 0,     // fees and expected slippage of opening and closing, as a fraction of notional
    double FundingPerHour = 0);   // expected funding cost of holding, as a fraction of notional per hour (0 on spot)
