namespace Prometheus.Engine.Market;

/// <summary>
/// What every agent sees of the market after a bar: computed once per bar and shared by all agents.
/// Prices are decimal (they reach the ledger); indicator readings are double (they only shape decisions).
/// </summary>
public readonly record struct MarketSnapshot(
    long TimestampMs,
    decimal Close,
    double Rsi,                 // 0..100, 50 until warm
    double MacdLine,            // EMA(fast) - EMA(slow), in price units
    double MacdSignal,          // EMA(signal) of the MACD line
    double MacdHistogram,       // MacdLine - MacdSignal
    double BollingerMiddle,
    double BollingerUpper,
    double BollingerLower,
    double BollingerPercentB,   // (close - lower) / (upper - lower); 0.5 until warm
    double Return,              // close / previous close - 1
    double Volatility,          // standard deviation of returns over the volatility window
    double RegimeChange,        // close / close one regime window ago - 1
    MarketRegime Regime,
    bool IsWarm,                // every indicator has seen enough bars
    bool IsGap,                 // one or more bars are missing before this one
    bool IsEmpty,               // zero-volume bar: treated as missing data, no trading on it
    double Trend = 0,           // (close / slow average − 1) in units of the volatility over the trend's horizon; 0 until warm
    long IntervalMs = 0)        // the bar interval (0 until two bars were seen)
{
}
