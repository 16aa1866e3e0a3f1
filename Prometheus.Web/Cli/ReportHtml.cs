using Prometheus.Engine.Backtest;
using Prometheus.Engine.Research;
using Prometheus.Web.Cli.Html;

namespace Prometheus.Web.Cli;

/// <summary>
/// Reports as one self-contained HTML page each (--html): the style inline, the charts inline SVG drawn here, no
/// script and nothing fetched when the page is opened, so the file can be mailed or archived as it is.
/// </summary>
public static class ReportHtml
{
    /// <summary>Writes the backtest's page; a failure is a <see cref="CliException"/> naming the file.</summary>
    public static void WriteBacktest(string path, BacktestReport report) => Write(path, BacktestPage.Render(report));

    /// <summary>Writes the research's page; a failure is a <see cref="CliException"/> naming the file.</summary>
    public static void WriteResearch(string path, ResearchReport report) => Write(path, ResearchPage.Render(report));

    private static void Write(string path, string html)
    {
        try
        {
            File.WriteAllText(path, html);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write {path}: {e.Message}", ExitCodes.Failure);
        }
    }
}
