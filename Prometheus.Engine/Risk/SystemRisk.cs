using System.Text.Json.Serialization;
using static System.FormattableString;

namespace Prometheus.Engine.Risk;

/// <summary>
/// System-level limits on the whole book: orders per UTC day, loss per UTC day, drawdown.
/// - Daily loss and the daily order count: both roll over at 00:00 UTC by themselves (the first bar of a new UTC day,
///   by the injected clock, opens the day afresh).
/// - Drawdown from the all-time peak past MaxDrawdownPercent: the circuit breaker; Halted until a person resets it.
/// - Drawdown from the reducing peak past ReducingDrawdownPercent: Reducing. After ReducingCooldownHours the
///   reducing peak is re-based to the equity then, since a book that may only reduce cannot earn its way back.
/// </summary>
public sealed class SystemRisk(RiskOptions options)
{
    private const long DayMs = 86_400_000;
    private readonly long _cooldownMs = (long)(options.ReducingCooldownHours * 3_600_000);
    private decimal _reducingPeak;
    private long _reducingSinceMs;

    public TradingState State { get; private set; } = TradingState.Active;
    public string StateReason { get; private set; } = "";
    /// <summary>Why trading is halted (DailyLossLimit or DrawdownHalt), or null when it is not.</summary>
    public RiskDenialReason? HaltReason { get; private set; }
    public long Day { get; private set; } = long.MinValue;
    public int OrdersToday { get; private set; }
    public decimal DayOpenEquity { get; private set; }
    public decimal PeakEquity { get; private set; }
    /// <summary>Drawdown from the all-time peak.</summary>
    public decimal Drawdown { get; private set; }
    public bool DrawdownBreakerTripped { get; private set; }

    public void CountOrder() => OrdersToday++;

    /// <summary>Feeds the book's equity; returns true when the trading state changed.</summary>
    public bool Observe(long nowMs, decimal equity)
    {
        var day = nowMs / DayMs;
        if (day != Day)
        {
            Day = day;
            OrdersToday = 0;
            DayOpenEquity = equity;
        }
        if (equity > PeakEquity) PeakEquity = equity;
        if (equity > _reducingPeak) _reducingPeak = equity;
        // Most bars change nothing: compare before dividing, decimal division is the costly part.
        Drawdown = equity >= PeakEquity || PeakEquity <= 0m ? 0m : (PeakEquity - equity) / PeakEquity;

        var (state, halt, reason) = Evaluate(nowMs, equity);
        if (state == State && halt == HaltReason) return false;
        if (state == TradingState.Reducing && State != TradingState.Reducing) _reducingSinceMs = nowMs;
        State = state;
        HaltReason = halt;
        StateReason = reason;
        return true;
    }

    public SystemRiskState Save() => new(State, StateReason, HaltReason, Day, OrdersToday, DayOpenEquity, PeakEquity, Drawdown,
        DrawdownBreakerTripped, _reducingPeak, _reducingSinceMs);

    public void Restore(SystemRiskState s)
    {
        (State, StateReason, HaltReason, Day, OrdersToday, DayOpenEquity, PeakEquity, Drawdown, DrawdownBreakerTripped) =
            (s.State, s.StateReason, s.HaltReason, s.Day, s.OrdersToday, s.DayOpenEquity, s.PeakEquity, s.Drawdown, s.DrawdownBreakerTripped);
        _reducingPeak = s.ReducingPeak;
        _reducingSinceMs = s.ReducingSinceMs;
    }

    /// <summary>Why a person's reset would change nothing (the text of the refusal), or null when there is something to reset.</summary>
    public string? CannotReset() =>
        DrawdownBreakerTripped || State == TradingState.Reducing ? null
        : HaltReason == RiskDenialReason.DailyLossLimit ? "the daily loss limit holds until 00:00 UTC by itself; there is no breaker to reset"
        : "there is nothing to reset: the circuit breaker is not tripped and trading is not reducing";

    /// <summary>
    /// A person clears the circuit breaker (and Reducing): both peaks restart from <paramref name="equity"/>. The state is
    /// then what the limits say now: Active with <paramref name="reason"/> as its reason, unless the day's loss still
    /// halts until 00:00 UTC.
    /// </summary>
    public void Reset(long nowMs, decimal equity, string reason)
    {
        DrawdownBreakerTripped = false;
        PeakEquity = equity;
        _reducingPeak = equity;
        Drawdown = 0m;
        var (state, halt, why) = Evaluate(nowMs, equity);
        State = state;
        HaltReason = halt;
        StateReason = state == TradingState.Active ? reason : why;
    }

    private (TradingState, RiskDenialReason?, string) Evaluate(long nowMs, decimal equity)
    {
        if (DrawdownBreakerTripped || Drawdown >= options.MaxDrawdownPercent)
        {
            var reason = DrawdownBreakerTripped ? StateReason
                : Invariant($"drawdown {Drawdown:P1} reached the {options.MaxDrawdownPercent:P0} circuit breaker");
            DrawdownBreakerTripped = true;
            return (TradingState.Halted, RiskDenialReason.DrawdownHalt, reason);
        }
        if (DayOpenEquity > 0m && equity < DayOpenEquity * (1m - options.MaxDailyLossPercent))
            return (TradingState.Halted, RiskDenialReason.DailyLossLimit, Invariant($"daily loss reached {options.MaxDailyLossPercent:P0}"));
        if (equity < _reducingPeak * (1m - options.ReducingDrawdownPercent))
        {
            if (State != TradingState.Reducing || nowMs - _reducingSinceMs < _cooldownMs)
                return (TradingState.Reducing, null, Invariant($"drawdown past {options.ReducingDrawdownPercent:P0}"));
            _reducingPeak = equity; // cooled down: measure from here
        }
        return (TradingState.Active, null, "");
    }
}

public sealed record SystemRiskState(
    TradingState State,
    string StateReason,
    RiskDenialReason? HaltReason,
    long Day,
    [property: JsonPropertyName("tradesToday")] int OrdersToday, // orders sent today: saved states name it as it was first called
    decimal DayOpenEquity,
    decimal PeakEquity,
    decimal Drawdown,
    bool DrawdownBreakerTripped,
    decimal ReducingPeak,
    long ReducingSinceMs);
