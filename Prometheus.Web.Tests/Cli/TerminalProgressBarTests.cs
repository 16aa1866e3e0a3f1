using Prometheus.Engine.Backtest;
using Prometheus.Web.Cli;

namespace Prometheus.Web.Tests.Cli;

public sealed class TerminalProgressBarTests
{
    [Fact]
    public void A_line_shows_the_bar_the_share_the_counts_and_the_time_left()
    {
        var line = TerminalProgressBar.Render(new BacktestProgress(25_000, 100_000, 12, 3_456), TimeSpan.FromSeconds(30));

        Assert.Equal("[#######.....................]  25.0%  25,000/100,000 bars  agents 12  trades 3,456  0:30 elapsed  1:30 left", line);
    }

    [Fact]
    public void Nothing_done_yet_or_an_empty_total_does_not_divide_by_zero()
    {
        Assert.StartsWith("[............................]   0.0%", TerminalProgressBar.Render(new BacktestProgress(0, 0, 0, 0), TimeSpan.Zero));
        Assert.DoesNotContain("left", TerminalProgressBar.Render(new BacktestProgress(0, 10, 0, 0), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Redraws_are_throttled_in_place_and_the_line_is_wiped_at_the_end()
    {
        using var output = new StringWriter();
        var bar = new TerminalProgressBar(output);

        for (var i = 1; i <= 1000; i++)
            bar.Report(new BacktestProgress(i, 1000, 10, 0));
        bar.Dispose();

        var text = output.ToString();
        var draws = text.Count(c => c == '\r') - 2; // the wipe is "\r<spaces>\r"
        Assert.InRange(draws, 1, 20);
        Assert.EndsWith("\r", text);
        Assert.DoesNotContain('\n', text);
    }

    [Fact]
    public void A_bar_that_never_drew_writes_nothing()
    {
        using var output = new StringWriter();

        new TerminalProgressBar(output).Dispose();

        Assert.Equal("", output.ToString());
    }
}
