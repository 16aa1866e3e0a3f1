using static System.FormattableString;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Risk;

/// <summary>
/// Pre-trade checks, in order: trading state, daily trade count, then for opening orders leverage, notional
/// bounds, position size against equity, open position count and buying power. Exposure-reducing orders pass
/// everything but Halted; while Halted only protective exits (stop loss, take profit, maximum holding time)
/// pass, as stops resting on the exchange would. Emergency and death closes do not come here at all.
/// </summary>
public static class PreTradeRisk
{
    public static RiskVerdict Check(OrderIntent intent, PrivateLedger ledger, decimal agentEquity, TradingState state,
        int tradesToday, RiskOptions options, RiskDenialReason? haltReason = null, string haltDetail = "trading is halted")
    {
        if (state == TradingState.Halted && !(intent.ReducesExposure && intent.Origin.IsRiskExit()))
            return RiskVerdict.Deny(haltReason ?? RiskDenialReason.Halted, haltDetail);
        if (tradesToday >= options.MaxDailyTrades)
            return RiskVerdict.Deny(RiskDenialReason.DailyTradeLimit, Invariant($"{tradesToday} orders today, limit {options.MaxDailyTrades}"));
        if (intent.ReducesExposure)
            return RiskVerdict.Allow;
        if (state == TradingState.Reducing)
            return RiskVerdict.Deny(RiskDenialReason.ReducingOnly, "only exposure-reducing orders while Reducing");
        if (intent.Leverage > options.MaxLeverage)
            return RiskVerdict.Deny(RiskDenialReason.LeverageTooHigh, Invariant($"leverage {intent.Leverage} above {options.MaxLeverage}"));

        var notional = intent.Notional;
        if (notional < options.MinOrderNotional)
            return RiskVerdict.Deny(RiskDenialReason.NotionalTooSmall, Invariant($"notional {notional:0.##} below {options.MinOrderNotional}"));
        if (notional > options.MaxOrderNotional)
            return RiskVerdict.Deny(RiskDenialReason.NotionalTooLarge, Invariant($"notional {notional:0.##} above {options.MaxOrderNotional}"));

        var held = ledger.Position(intent.Instrument, intent.PosSide);
        var positionNotional = notional + (held is { IsOpen: true } ? held.Notional(intent.ReferencePrice) : 0m);
        var leverage = intent.Instrument.Kind == Exchange.InstrumentKind.Spot ? 1m : intent.Leverage;
        var maxNotional = agentEquity * options.MaxPositionPercent * leverage;
        if (positionNotional > maxNotional)
            return RiskVerdict.Deny(RiskDenialReason.PositionTooLarge,
                Invariant($"position notional {positionNotional:0.##} above {options.MaxPositionPercent:P0} of equity {agentEquity:0.##} x{leverage}"));

        if (held is not { IsOpen: true } && ledger.OpenPositionCount >= options.MaxOpenPositions)
            return RiskVerdict.Deny(RiskDenialReason.TooManyOpenPositions, Invariant($"{ledger.OpenPositionCount} open positions, limit {options.MaxOpenPositions}"));

        var required = intent.RequiredBuyingPower(intent.Instrument.TakerFeeRate);
        if (required > ledger.Available)
            return RiskVerdict.Deny(RiskDenialReason.InsufficientBuyingPower, Invariant($"needs {required:0.##}, available {ledger.Available:0.##}"));
        return RiskVerdict.Allow;
    }
}
