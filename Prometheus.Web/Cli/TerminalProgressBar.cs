using System.Diagnostics;
using System.Globalization;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Research;

namespace Prometheus.Web.Cli;

/// <summary>
/// A one-line progress bar redrawn in place with '\r', at most ten times a second whatever the
/// engine's reporting rate. Used only when stdout is a terminal; the line is wiped on dispose so
/// the report starts on a clean line.
/// </summary>
public sealed class TerminalProgressBar(TextWriter output) : IProgress<BacktestProgress>, IProgress<ResearchProgress>, IDisposable
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);
    private const int BarWidth = 28;

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private TimeSpan _lastDraw;
    private int _lastLength;

    public void Report(BacktestProgress value) => Draw(now => Render(value, now), final: value.BarsDone == value.BarsTotal);

    public void Report(ResearchProgress value) => Draw(now => Render(value, now), final: value.SeedsDone == value.SeedsTotal);

    private void Draw(Func<TimeSpan, string> render, bool final)
    {
        lock (_gate)
        {
            var now = _clock.Elapsed;
            if (!final && _lastLength > 0 && now - _lastDraw < RedrawInterval)
                return;
            _lastDraw = now;
            var line = render(now);
            output.Write('\r' + line.PadRight(_lastLength));
            output.Flush();
            _lastLength = line.Length;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_lastLength == 0)
                return;
            output.Write('\r' + new string(' ', _lastLength) + '\r');
            output.Flush();
            _lastLength = 0;
        }
    }

    /// <summary>"[#######.....]  25.0%  1,000/4,000 bars  agents 10  trades 52  0:03 elapsed  0:09 left"</summary>
    public static string Render(BacktestProgress progress, TimeSpan elapsed)
    {
        var fraction = progress.BarsTotal > 0 ? Math.Clamp((double)progress.BarsDone / progress.BarsTotal, 0, 1) : 0;
        var filled = (int)Math.Round(fraction * BarWidth);
        var bar = new string('#', filled) + new string('.', BarWidth - filled);
        var left = progress.BarsDone > 0 && progress.BarsDone < progress.BarsTotal
            ? $"  {Clock(elapsed * ((double)(progress.BarsTotal - progress.BarsDone) / progress.BarsDone))} left"
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{bar}] {fraction * 100,5:0.0}%  {progress.BarsDone:N0}/{progress.BarsTotal:N0} bars  agents {progress.AgentsAlive:N0}  trades {progress.Trades:N0}  {Clock(elapsed)} elapsed{left}");
    }

    /// <summary>"[#######.....]  25.0%  seeds 5/20  windows 20/80  0:13 elapsed  0:39 left"</summary>
    public static string Render(ResearchProgress progress, TimeSpan elapsed)
    {
        var fraction = progress.WindowsTotal > 0 ? Math.Clamp((double)progress.WindowsDone / progress.WindowsTotal, 0, 1) : 0;
        var filled = (int)Math.Round(fraction * BarWidth);
        var bar = new string('#', filled) + new string('.', BarWidth - filled);
        var left = progress.WindowsDone > 0 && progress.WindowsDone < progress.WindowsTotal
            ? $"  {Clock(elapsed * ((double)(progress.WindowsTotal - progress.WindowsDone) / progress.WindowsDone))} left"
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{bar}] {fraction * 100,5:0.0}%  seeds {progress.SeedsDone:N0}/{progress.SeedsTotal:N0}  windows {progress.WindowsDone:N0}/{progress.WindowsTotal:N0}  {Clock(elapsed)} elapsed{left}");
    }

    private static string Clock(TimeSpan span) =>
        span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}:{span.Seconds:00}");
}
