namespace Prometheus.Engine.Exchange.Okx.Wire;

/// <summary>POST /api/v5/account/set-position-mode: long_short_mode (hedge) or net_mode.</summary>
public sealed class OkxPositionModeWire
{
    public string PosMode { get; set; } = "";
}
