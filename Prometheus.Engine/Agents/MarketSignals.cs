using Prometheus.Engine.Market;

namespace Prometheus.Engine.Agents;

/// <summary>
/// The market reduced to signals in [-1, 1] (positive = bullish), computed once per bar and shared by every agent,
/// so an agent's decision is a handful of multiplications.
/// </summary>
/// <see cref="Trend"/> is the slow trend (days, not bars); <see cref="Volatility"/> the per-bar standard deviation of returns and
/// <see cref="BarSeconds"/> the bar's length, from which a decision judges how far price typically moves over its holding time.
public readonly record struct MarketSignals(double Rsi, double Macd, double Bollinger, double Momentum, double RegimeBias, bool Tradable,
    double Trend = 0, double Volatility = 0, double BarSeconds = 0)
{
    public static MarketSignals From(in MarketSnapshot m)
    {
        if (!m.IsWarm || m.IsEmpty || m.Close <= 0m)
            return default;
        var close = (double)m.Close;
        var volatility = Math.Max(m.Volatility, 1e-6);
        return new MarketSignals(
            Rsi: Math.Clamp((50 - m.Rsi) / 50, -1, 1),                      // oversold reads bullish
            Macd: Math.Tanh(m.MacdHistogram / (close * volatility)),         // histogram in units of one bar's move
            Bollinger: Math.Clamp(1 - 2 * m.BollingerPercentB, -1, 1),       // near the lower band reads bullish
            Momentum: Math.Tanh(m.MacdLine / (close * volatility * 4)),      // the trend, in units of a few bars' moves
            RegimeBias: (int)m.Regime * 0.05,                                // strong bull +0.1 .. strong bear -0.1
            Tradable: true,
            Trend: Math.Tanh(m.Trend),                                      // above the slow average reads bullish
            Volatility: m.Volatility,
            BarSeconds: m.IntervalMs / 1000.0);
    }
}
