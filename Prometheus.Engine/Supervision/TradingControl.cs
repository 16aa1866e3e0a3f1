using Prometheus.Engine.Risk;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// What holds trading back, as it stands after a change: a person's pause (and why), and the system risk state
/// (Active, Reducing or Halted; a tripped circuit breaker and why). Saved durably the moment it changes, before the
/// change is acknowledged, so a restart resumes in the state it was left in.
/// </summary>
public sealed record TradingControl(bool Paused, string PauseReason, SystemRiskState Risk);
