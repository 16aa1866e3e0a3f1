namespace Prometheus.Engine.Exchange.Okx;

/// <summary>Which OKX WebSockets the gateway opens. The private one (orders, positions, account) is always opened.</summary>
[Flags]
public enum OkxStreams
{
    Private = 0,

    /// <summary>/ws/v5/public: tickers.</summary>
    Tickers = 1,

    /// <summary>/ws/v5/business: candle{CandleBar}.</summary>
    Candles = 2,

    All = Tickers | Candles,
}
