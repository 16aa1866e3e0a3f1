namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// How a swap position is margined, as OKX's tdMode/mgnMode: isolated (its own margin, liquidated at its own price) or
/// cross (backed by the account's equity, liquidated when that equity falls below the cross positions' maintenance margin).
/// </summary>
public enum SimulatedMarginMode
{
    Isolated,
    Cross,
}
