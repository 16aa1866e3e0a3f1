using Prometheus.Web.Cli;

namespace Prometheus.Web.Tests.Cli;

public sealed class ReportTableTests
{
    private static string Render(Action<TextWriter> write)
    {
        using var output = new StringWriter();
        write(output);
        return output.ToString();
    }

    [Fact]
    public void The_backtest_table_shows_every_headline_figure()
    {
        var text = Render(o => ReportTable.WriteBacktest(o, SampleReports.Backtest(SampleReports.Best())));

        Assert.Contains("Backtest of btc-usdt-swap-15m-okx-20230101-20260418.csv.gz", text);
        Assert.Contains("2023-01-01 00:00 .. 2026-04-18 04:15 UTC, 115,506 bars (after 2,881 warm-up bars", text);
        // Population, exposure-matched, buy & hold and cash over the same bars.
        Assert.Matches(@"ROI\s+\+12\.35%\s+\+15\.00%\s+\+80\.12%\s+0\.00%", text);
        Assert.Matches(@"Sharpe\s+1\.23\s+0\.90\s+1\.10\s+0\.00", text);
        Assert.Matches(@"max drawdown\s+8\.15%\s+8\.00%\s+30\.20%\s+0\.00%", text);
        Assert.Matches(@"fees paid\s+1,234\.50\s+300\.00\s+50\.00\s+0\.00", text);
        Assert.Matches(@"funding paid\s+321\.50\s+800\.00\s+4,000\.00\s+0\.00", text);
        Assert.Matches(@"net exposure\s+21\.00%\s+21\.00%\s+100\.00%\s+0\.00%", text);
        Assert.Matches(@"alpha, beta\s+-1\.20% a year, beta 0\.20", text);
        Assert.Matches(@"information ratio\s+-0\.30", text);
        Assert.Matches(@"ROI on deployed\s+\+24\.69%", text);
        Assert.Matches(@"funding times\s+284 at OKX's recorded rate, 3,300 at the default rate", text);
        Assert.Matches(@"win rate\s+54\.20%", text);
        Assert.Matches(@"trades\s+1,234", text);
        Assert.Matches(@"avg holding time\s+6\.5 h", text);
        Assert.Contains("100,000.00 -> 112,345.67 USDT", text);
        Assert.Matches(@"births, deaths\s+40, 35 \(Valhalla 10, alive 15\)", text);
        Assert.Matches(@"ROI on its stake\s+-4\.00%", text);
        Assert.Contains("survivorship, not a result", text);
        Assert.Matches(@"agent-bars/s\s+1,234,568", text);
        Assert.Contains("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", text);
    }

    [Fact]
    public void The_out_of_sample_figures_have_their_own_block_and_NaN_shows_as_n_a()
    {
        var text = Render(o => ReportTable.WriteBacktest(o, SampleReports.Backtest()));

        var block = text[text.IndexOf("Out of sample", StringComparison.Ordinal)..];
        Assert.StartsWith("Out of sample           2025-05-01 00:00 .. 2026-04-18 04:15 UTC", block);
        Assert.Matches(@"ROI\s+-2\.10%\s+\+10\.00%", block);
        Assert.Matches(@"Sharpe\s+n/a", block);
        Assert.Matches(@"trades\s+321", block);
    }

    [Fact]
    public void The_best_agent_shows_its_genome_sorted_by_gene()
    {
        var text = Render(o => ReportTable.WriteBacktest(o, SampleReports.Backtest(SampleReports.Best())));

        Assert.Contains("Best agent #17 Ares", text);
        Assert.Contains("+5,000.00 USDT", text);
        Assert.Contains("88, 61.00%", text);
        Assert.True(text.IndexOf("aggression  0.75", StringComparison.Ordinal) < text.IndexOf("rsiBuy      28.5", StringComparison.Ordinal));
    }

    [Fact]
    public void No_best_agent_is_said_plainly()
    {
        var text = Render(o => ReportTable.WriteBacktest(o, SampleReports.Backtest(best: null)));

        Assert.Contains("Best agent: none", text);
    }

    [Fact]
    public void The_bench_table_shows_its_figures()
    {
        var text = Render(o => ReportTable.WriteBench(o, SampleReports.Bench()));

        Assert.Contains("btc-usdt-5m-binance-20240301-20260219.csv.gz", text);
        Assert.Matches(@"agents\s+100", text);
        Assert.Matches(@"bars\s+207,624", text);
        Assert.Matches(@"agent-bars/s\s+2,500,000", text);
        Assert.Matches(@"fills/s\s+1,234", text);
        Assert.Matches(@"peak working set\s+312\.2 MB|peak working set\s+312\.3 MB", text);
        Assert.Matches(@"elapsed\s+8\.3 s", text);
    }

    [Theory]
    [InlineData(0.25, "15 min")]
    [InlineData(6.54, "6.5 h")]
    [InlineData(47.9, "47.9 h")]
    [InlineData(72, "3.0 d")]
    [InlineData(double.NaN, "n/a")]
    public void Holding_times_use_a_readable_unit(double hours, string expected) =>
        Assert.Equal(expected, ReportTable.Hours(hours));
}
