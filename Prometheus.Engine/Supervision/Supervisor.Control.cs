using Prometheus.Engine.Risk;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// What holds trading back, kept across restarts: a person's pause and the system risk state (Reducing, Halted, a tripped
/// breaker and why). Each change is written to the store at once, in its own transaction, before it is acknowledged
/// (<see cref="IEngineStore.ControlChanged"/>): a kill right after a pause leaves the pause on disk.
/// </summary>
public sealed partial class Supervisor
{
    /// <summary>Longest reason a person may give for a breaker reset.</summary>
    public const int MaxResetReasonLength = 500;

    /// <summary>
    /// The system risk state moved (Active, Reducing, Halted; a breaker tripped or was reset), with its reason and whether
    /// the drawdown circuit breaker is tripped now. Raised on the loop, after the change is saved.
    /// </summary>
    public event Action<TradingState, string, bool>? RiskStateChanged;

    /// <summary>A person paused trading (or an emergency close-all did); a restart keeps it paused until a person resumes.</summary>
    public bool Paused { get; private set; }

    /// <summary>Why trading is paused; empty when it is not.</summary>
    public string PauseReason { get; private set; } = "";

    /// <summary>The pause and the risk state as they stand.</summary>
    public TradingControl Control => new(Paused, PauseReason, SystemRisk.Save());

    /// <summary>Pauses trading, durably: once this returns, a restart finds it paused.</summary>
    public void Pause(string reason)
    {
        Paused = true;
        PauseReason = reason;
        SaveControl();
    }

    /// <summary>Lifts a person's pause, durably.</summary>
    public void Unpause()
    {
        Paused = false;
        PauseReason = "";
        SaveControl();
    }

    /// <summary>
    /// A person clears the drawdown circuit breaker (and Reducing): the peaks restart from the equity now; saved durably.
    /// Returns why it is refused (no reason given, one too long, nothing to reset), or null when done.
    /// </summary>
    public string? ResetRisk(string reason, string actor)
    {
        reason = reason.Trim();
        if (reason.Length == 0) return "a reason is required";
        if (reason.Length > MaxResetReasonLength) return $"the reason is longer than {MaxResetReasonLength} characters";
        if (SystemRisk.CannotReset() is { } refusal) return refusal;
        SystemRisk.Reset(NowMs, Equity, $"reset by {actor}: {reason}");
        SaveControl();
        RiskStateChanged?.Invoke(SystemRisk.State, SystemRisk.StateReason, SystemRisk.DrawdownBreakerTripped);
        return null;
    }

    /// <summary>Feeds the risk limits the book's equity; a change of state is saved at once.</summary>
    private void ObserveRisk(long now, decimal equity)
    {
        if (!SystemRisk.Observe(now, equity)) return;
        SaveControl();
        RiskStateChanged?.Invoke(SystemRisk.State, SystemRisk.StateReason, SystemRisk.DrawdownBreakerTripped);
    }

    private void SaveControl() => _store?.ControlChanged(Control, NowMs);

    private void RestoreControl(SupervisorState s)
    {
        Paused = s.Paused;
        PauseReason = s.PauseReason;
    }
}
