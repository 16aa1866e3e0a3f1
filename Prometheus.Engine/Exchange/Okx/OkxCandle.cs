using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>A candle from OKX and whether it is complete (confirm "1"): the newest one of a bar still forming is not.</summary>
public readonly record struct OkxCandle(Candle Candle, bool Confirmed);
