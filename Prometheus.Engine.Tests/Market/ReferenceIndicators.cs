namespace Prometheus.Engine.Tests.Market;

/// <summary>
/// Straightforward, non-incremental indicator definitions over whole arrays, written independently of the
/// engine's incremental classes (textbook formulas, two-pass statistics over each full window), to check them against.
/// An entry is NaN where the indicator is not defined yet.
/// </summary>
internal static class ReferenceIndicators
{
    /// <summary>EMA seeded with the simple mean of the first <paramref name="period"/> values; α = 2/(period+1).</summary>
    public static double[] Ema(double[] x, int period, int start = 0)
    {
        var ema = Filled(x.Length);
        if (x.Length - start < period)
            return ema;
        double seed = 0;
        for (int i = start; i < start + period; i++)
            seed += x[i];
        int first = start + period - 1;
        ema[first] = seed / period;
        double alpha = 2.0 / (period + 1);
        for (int i = first + 1; i < x.Length; i++)
            ema[i] = alpha * x[i] + (1 - alpha) * ema[i - 1];
        return ema;
    }

    public static (double[] Line, double[] Signal, double[] Histogram) Macd(double[] close, int fast, int slow, int signal)
    {
        double[] emaFast = Ema(close, fast);
        double[] emaSlow = Ema(close, slow);
        var line = Filled(close.Length);
        for (int i = slow - 1; i < close.Length; i++)
            line[i] = emaFast[i] - emaSlow[i];
        double[] sig = Ema(line, signal, start: slow - 1);
        var hist = Filled(close.Length);
        for (int i = 0; i < close.Length; i++)
            if (!double.IsNaN(sig[i]))
                hist[i] = line[i] - sig[i];
        return (line, sig, hist);
    }

    /// <summary>Wilder RSI: simple means of the first n gains/losses, then (avg·(n−1) + x)/n.</summary>
    public static double[] Rsi(double[] close, int n)
    {
        var rsi = Filled(close.Length);
        if (close.Length <= n)
            return rsi;
        double gain = 0, loss = 0;
        for (int i = 1; i <= n; i++)
        {
            double change = close[i] - close[i - 1];
            gain += Math.Max(change, 0);
            loss += Math.Max(-change, 0);
        }
        gain /= n;
        loss /= n;
        rsi[n] = RsiOf(gain, loss);
        for (int i = n + 1; i < close.Length; i++)
        {
            double change = close[i] - close[i - 1];
            gain = (gain * (n - 1) + Math.Max(change, 0)) / n;
            loss = (loss * (n - 1) + Math.Max(-change, 0)) / n;
            rsi[i] = RsiOf(gain, loss);
        }
        return rsi;
    }

    public static (double[] Middle, double[] Upper, double[] Lower, double[] PercentB) Bollinger(double[] close, int period, double width)
    {
        var (middle, upper, lower, percentB) = (Filled(close.Length), Filled(close.Length), Filled(close.Length), Filled(close.Length));
        for (int i = period - 1; i < close.Length; i++)
        {
            double mean = Mean(close, i - period + 1, period);
            double sd = Math.Sqrt(SquaredDeviations(close, i - period + 1, period, mean) / period);
            middle[i] = mean;
            upper[i] = mean + width * sd;
            lower[i] = mean - width * sd;
            percentB[i] = upper[i] > lower[i] ? (close[i] - lower[i]) / (upper[i] - lower[i]) : 0.5;
        }
        return (middle, upper, lower, percentB);
    }

    /// <summary>Sample (n−1) standard deviation of the last <paramref name="window"/> values, where at least two exist.</summary>
    public static double[] RollingSampleStdDev(double[] x, int window)
    {
        var sd = Filled(x.Length);
        for (int i = 1; i < x.Length; i++)
        {
            int n = Math.Min(window, i + 1);
            double mean = Mean(x, i - n + 1, n);
            sd[i] = Math.Sqrt(SquaredDeviations(x, i - n + 1, n, mean) / (n - 1));
        }
        return sd;
    }

    private static double RsiOf(double gain, double loss) =>
        loss == 0 ? (gain == 0 ? 50 : 100) : 100 - 100 / (1 + gain / loss);

    private static double Mean(double[] x, int from, int count)
    {
        double sum = 0;
        for (int i = from; i < from + count; i++)
            sum += x[i];
        return sum / count;
    }

    private static double SquaredDeviations(double[] x, int from, int count, double mean)
    {
        double sum = 0;
        for (int i = from; i < from + count; i++)
            sum += (x[i] - mean) * (x[i] - mean);
        return sum;
    }

    private static double[] Filled(int length)
    {
        var a = new double[length];
        Array.Fill(a, double.NaN);
        return a;
    }
}
