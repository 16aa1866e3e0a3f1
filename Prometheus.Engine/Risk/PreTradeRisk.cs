using static System.FormattableString;
using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Risk;

/// <summary>
/// Pre-trade checks, in order: trading state, daily trade count, then for opening orders leverage, notional
/// bounds, the portfolio's gross and net exposure across instruments (when given), position size against equity, open
/// position count and buying power. Exposure-reducing orders pass
/// everything but Halted; while Halted only protective exits (stop loss, take profit, maximum holding time)
/// pass, as stops resting on the exchange would. Emergency and death closes do not come here at all.
/// </summary>
public static class PreTradeRisk
{
    public static RiskVerdict Check(OrderIntent intent, PrivateLedger ledger, decimal agentEquity, TradingState state,
        int tradesToday, RiskOptions options, RiskDenialReason? haltReason = null, string haltDetail = "trading is halted",
        PortfolioExposure? portfolio = null)
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

        if (portfolio is { } book && Portfolio(intent, notional, book, options) is { } denied)
            return denied;

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

    /// <summary>An opening order of <paramref name="notional"/> against the book's limits; an order that brings net back is let through.</summary>
    private static RiskVerdict? Portfolio(OrderIntent intent, decimal notional, PortfolioExposure book, RiskOptions options)
    {
        var gross = book.Gross + notional;
        var grossLimit = book.Equity * options.MaxGrossExposure;
        if (gross > grossLimit)
            return RiskVerdict.Deny(RiskDenialReason.PortfolioGrossExposure,
                Invariant($"gross exposure {gross:0.##} above {options.MaxGrossExposure}x book equity {book.Equity:0.##}"));
        var net = book.Net + (intent.PosSide == Exchange.PositionSide.Long ? notional : -notional);
        var netLimit = book.Equity * options.MaxNetExposure;
        if (Math.Abs(net) > netLimit && Math.Abs(net) > Math.Abs(book.Net))
            return RiskVerdict.Deny(RiskDenialReason.PortfolioNetExposure,
                Invariant($"net exposure {net:0.##} beyond {options.MaxNetExposure}x book equity {book.Equity:0.##}"));
        return null;
    }
}

/// <summary>Every agent's positions across instruments at the marks (net: longs − shorts; gross: all positive) and the book's equity.</summary>
public readonly record struct PortfolioExposure(decimal Net, decimal Gross, decimal Equity);
