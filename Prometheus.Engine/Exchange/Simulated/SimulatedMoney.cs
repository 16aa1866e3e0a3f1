namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// Derived amounts that can have endless decimals (margin = notional / leverage, proportional releases,
/// averaged prices) are rounded to a fixed scale. Without it a 28-digit margin taken from and returned to a
/// balance would not cancel out exactly and balances would drift by dust. Fills, notionals and fees need no
/// rounding: tick × lot × fee rate always terminates.
/// </summary>
internal static class SimulatedMoney
{
    public const int Scale = 12;

    public static decimal Round(decimal value) => decimal.Round(value, Scale, MidpointRounding.AwayFromZero);
}
