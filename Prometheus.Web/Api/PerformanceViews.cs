namespace Prometheus.Web.Api;

/// <summary>The PnL and return of a calendar period (UTC, by the market's clock).</summary>
public sealed record PeriodPnl(decimal Pnl, decimal Return);

/// <summary>
/// GET /api/summary: how the run has done since it started (<see cref="Since"/>). Money in USDT; PnL after fees and funding;
/// returns and drawdown as fractions (0.05 = 5 %); <see cref="BuyHoldReturn"/> is holding BTC with all the capital over the
/// same period, <see cref="BasketHoldReturn"/> holding the coins traded (<see cref="BasketCoins"/>) in equal parts: references
/// at full exposure, not exposure-matched benchmarks.
/// </summary>
public sealed record SummaryView(
    decimal TotalPnl, decimal TotalReturn, decimal RealizedPnl, decimal UnrealizedPnl, decimal FeesPaid, decimal FundingPaid,
    decimal? ProfitFactor, decimal? WinRate, decimal MaxDrawdown, decimal? BuyHoldReturn, DateTimeOffset Since,
    PeriodPnl Today, PeriodPnl Week, PeriodPnl Month, decimal? BasketHoldReturn = null, IReadOnlyList<string>? BasketCoins = null);

/// <summary>One row of GET /api/profit: a calendar period (UTC, market clock) from its start, its PnL, return and fills booked.</summary>
public sealed record ProfitView(DateTimeOffset Start, decimal Pnl, decimal Return, int Trades);
