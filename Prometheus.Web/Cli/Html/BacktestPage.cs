using System.Text;
using Prometheus.Engine.Backtest;
using static Prometheus.Web.Cli.Html.HtmlFormat;

namespace Prometheus.Web.Cli.Html;

/// <summary>
/// The backtest report as one page: the period, the population beside the exposure-matched, buy-and-hold and cash
/// benchmarks over the same bars, the population's own figures, the out-of-sample stretch, the median agent, the best
/// agent (survivorship, labelled so) and the run. The report holds no equity curve, so the page draws none.
/// </summary>
internal static class BacktestPage
{
    public static string Render(BacktestReport report)
    {
        var body = new StringBuilder();
        body.Append(Header(report));
        body.Append(HtmlDocument.Tiles(
            ("ROI", Percent(report.Roi, signed: true), $"exposure-matched {Percent(report.ExposureMatched.Roi, signed: true)}"),
            ("Sharpe", Ratio(report.Sharpe), $"exposure-matched {Ratio(report.ExposureMatched.Sharpe)}"),
            ("Max drawdown", Percent(report.MaxDrawdown), $"buy & hold {Percent(report.BuyHold.MaxDrawdown)}"),
            ("Information ratio", Ratio(report.InformationRatio), "against exposure-matched")));
        body.Append(BenchmarksSection(report));
        body.Append(PopulationSection(report));
        body.Append(OutOfSampleSection(report.OutOfSample));
        body.Append(MedianAgentSection(report.MedianAgent));
        body.Append(BestAgentSection(report.BestAgent));
        body.Append(RunSection(report));
        return HtmlDocument.Render($"Backtest of {Path.GetFileName(report.Data)}", body.ToString());
    }

    private static string Header(BacktestReport report)
    {
        var facts = new FactList()
            .Add("period", $"{Stamp(report.From)} – {Stamp(report.To)} UTC, {Count(report.Bars)} bars")
            .Add("warm-up", $"{Count(report.Period.WarmupBars)} bars before the period, read by the indicators, never traded nor measured")
            .Add("agents, seed, profile", $"{Count(report.Agents)} at the start, seed {Id(report.Seed)}, profile {report.Profile}")
            .Add("equity", $"{Money(report.InitialCapital)} → {Money(report.FinalEquity)} USDT");
        return $"<header>\n<h1>Backtest of {E(Path.GetFileName(report.Data))}</h1>\n<p class=\"subtitle\">{E(report.Data)}</p>\n</header>\n"
            + $"<section>\n{facts.Render()}</section>\n";
    }

    private static string BenchmarksSection(BacktestReport r)
    {
        var table = new HtmlTable("Over exactly the same bars, with the same costs.", "benchmarks")
            .Header(Cell.Text(""), Head("Population"), Head("Exposure-matched"), Head("Buy & hold"), Head("Cash"))
            .Row(Cell.Label("ROI"), Cell.Num(Percent(r.Roi, signed: true), "strong"), Cell.Num(Percent(r.ExposureMatched.Roi, signed: true)),
                Cell.Num(Percent(r.BuyHold.Roi, signed: true)), Cell.Num(Percent(r.Cash.Roi, signed: true)))
            .Row(Cell.Label("Sharpe"), Cell.Num(Ratio(r.Sharpe), "strong"), Cell.Num(Ratio(r.ExposureMatched.Sharpe)), Cell.Num(Ratio(r.BuyHold.Sharpe)),
                Cell.Num(Ratio(r.Cash.Sharpe)))
            .Row(Cell.Label("Max drawdown"), Cell.Num(Percent(r.MaxDrawdown)), Cell.Num(Percent(r.ExposureMatched.MaxDrawdown)),
                Cell.Num(Percent(r.BuyHold.MaxDrawdown)), Cell.Num(Percent(r.Cash.MaxDrawdown)))
            .Row(Cell.Label("Fees paid, USDT"), Cell.Num(Money(r.FeesPaid)), Cell.Num(Money(r.ExposureMatched.FeesPaid)), Cell.Num(Money(r.BuyHold.FeesPaid)),
                Cell.Num(Money(r.Cash.FeesPaid)))
            .Row(Cell.Label("Funding paid, USDT"), Cell.Num(Money(r.FundingPaid)), Cell.Num(Money(r.ExposureMatched.FundingPaid)),
                Cell.Num(Money(r.BuyHold.FundingPaid)), Cell.Num(Money(r.Cash.FundingPaid)))
            .Row(Cell.Label("Net exposure"), Cell.Num(Percent(r.AvgNetExposure)), Cell.Num(Percent(r.ExposureMatched.Exposure)),
                Cell.Num(Percent(r.BuyHold.Exposure)), Cell.Num(Percent(r.Cash.Exposure)));
        var note = HtmlDocument.Note($"The exposure-matched benchmark holds the population's own average net exposure "
            + $"({Percent(r.ExposureMatched.Exposure)}) constantly: beating it means timing, not just being long. Funding paid is net "
            + "(negative: received).");
        return HtmlDocument.Section("Population and benchmarks", table.Render() + note, "benchmarks");
    }

    private static Cell Head(string name) => new(E(name), Numeric: true);

    private static string PopulationSection(BacktestReport r)
    {
        var facts = new FactList()
            .Add("alpha, beta", $"{Percent(r.Alpha, signed: true)} a year, beta {Ratio(r.Beta)} (daily returns against buy & hold)")
            .Add("information ratio", $"{Ratio(r.InformationRatio)} (against the exposure-matched benchmark)")
            .Add("net, gross exposure", $"{Percent(r.AvgNetExposure)} net, {Percent(r.AvgGrossExposure)} gross (average over the bars)")
            .Add("deployed share", $"{Percent(r.DeployedShare)} of equity with agents (the rest idles in the pool)")
            .Add("ROI on deployed", $"{Percent(r.RoiOnDeployed, signed: true)} (the profit over the capital given to agents at the start)")
            .Add("win rate", Percent(r.WinRate))
            .Add("trades", Count(r.Trades))
            .Add("average holding time", ReportTable.Hours(r.AvgHoldingHours))
            .Add("funding times", $"{Count(r.FundingEvents.Recorded)} at OKX's recorded rate, {Count(r.FundingEvents.Defaulted)} at the default rate")
            .Add("births, deaths", $"{Count(r.Births)} born, {Count(r.Deaths)} died (Valhalla {Count(r.Valhalla)}), {Count(r.AgentsAlive)} alive at the end");
        return HtmlDocument.Section("Population", facts.Render(), "population");
    }

    private static string OutOfSampleSection(SampleReport oos)
    {
        var table = new HtmlTable(null, "out-of-sample narrow")
            .Header(Cell.Text(""), Head("Population"), Head("Buy & hold"))
            .Row(Cell.Label("ROI"), Cell.Num(Percent(oos.Roi, signed: true)), Cell.Num(Percent(oos.BuyHoldRoi, signed: true)))
            .Row(Cell.Label("Max drawdown"), Cell.Num(Percent(oos.MaxDrawdown)), Cell.Num("—"))
            .Row(Cell.Label("Sharpe"), Cell.Num(Ratio(oos.Sharpe)), Cell.Num("—"))
            .Row(Cell.Label("Trades"), Cell.Num(Count(oos.Trades)), Cell.Num("—"));
        var intro = $"<p>{E($"{Stamp(oos.From)} – {Stamp(oos.To)} UTC, the genomes frozen.")}</p>\n";
        return HtmlDocument.Section("Out of sample", intro + table.Render(), "out-of-sample");
    }

    private static string MedianAgentSection(AgentFigures? median)
    {
        const string Heading = "Median agent";
        if (median is null) return HtmlDocument.Section(Heading, HtmlDocument.Note("No agent lived."), "median-agent");
        var facts = new FactList()
            .Add("agent", $"#{Id(median.Id)}")
            .Add("ROI on its stake", Percent(median.Roi, signed: true))
            .Add("Sharpe", Ratio(median.Sharpe))
            .Add("max drawdown", Percent(median.MaxDrawdown))
            .Add("trades", Count(median.Trades));
        return HtmlDocument.Section(Heading, facts.Render()
            + HtmlDocument.Note("By final equity, of every agent that lived, the dead included: no survivorship."), "median-agent");
    }

    private static string BestAgentSection(BestAgentReport? best)
    {
        const string Heading = "Best agent";
        const string Warning = "Picked after the fact: survivorship, not a result.";
        if (best is null)
            return HtmlDocument.Section(Heading, HtmlDocument.Note("None: no agent lived and no hero was kept."), "best-agent");

        var content = new StringBuilder();
        content.Append($"<p class=\"warning\">{E(Warning)}</p>\n");
        content.Append(new FactList()
            .Add("agent", $"#{Id(best.Id)} {best.Name}")
            .Add("capital", $"{Money(best.Capital)} USDT")
            .Add("PnL", $"{SignedMoney(best.Pnl)} USDT")
            .Add("trades, win rate", $"{Count(best.Trades)}, {Percent(best.WinRate)}")
            .Add("fitness", Ratio(best.Fitness))
            .Render());
        if (best.Genome.Count > 0)
        {
            content.Append("<h3>Genome</h3>\n");
            var genome = new HtmlTable(null, "genome narrow").Header(Cell.Text("Gene"), Head("Value"));
            foreach (var (gene, value) in best.Genome.OrderBy(g => g.Key, StringComparer.Ordinal))
                genome.Row(Cell.Label(gene), Cell.Num(Plain(value)));
            content.Append(genome.Render());
        }
        return HtmlDocument.Section(Heading, content.ToString(), "best-agent");
    }

    private static string RunSection(BacktestReport r)
    {
        var facts = new FactList()
            .Add("elapsed", Seconds(r.ElapsedSeconds))
            .Add("agent-bars", Count(r.AgentBars))
            .Add("agent-bars/s", Count(r.AgentBarsPerSecond))
            .AddHtml("ledger hash", $"<span class=\"mono\">{E(r.LedgerHash)}</span>");
        return HtmlDocument.Section("Run", facts.Render(), "run");
    }
}
