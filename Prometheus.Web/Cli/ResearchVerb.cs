using System.CommandLine;
using Prometheus.Engine.Market;
using Prometheus.Engine.Research;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Cli;

/// <summary>
/// `research`: walk-forward research over many seeds against null models and benchmarks of the same exposure, with an
/// untouched holdout (see <see cref="ResearchRunner"/>). Every argument, the data and the window layout are checked
/// before any run starts.
/// </summary>
public static class ResearchVerb
{
    public const int DefaultAgents = 100;

    public static Command Create(CliContext context)
    {
        var data = CliArguments.Data($"the shipped 15m OKX BTC-USDT-SWAP file ({Path.GetFileName(ShippedData.Okx15m)})");
        var seeds = CliArguments.Count("--seeds", "Independent runs, one per seed. Default: 20", "N", 1, 10_000);
        var firstSeed = new Option<int>("--first-seed")
        {
            Description = "The first seed; the others follow it. Default: 1",
            HelpName = "S",
            DefaultValueFactory = _ => 1,
            CustomParser = result => result.Tokens.Count == 0 ? 1 : ParseSeed(result),
        };
        var agents = CliArguments.Agents(DefaultAgents.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var windows = CliArguments.Count("--windows", "Consecutive test windows before the holdout. Default: 4", "N", 1, 1_000);
        var trainDays = CliArguments.Count("--train-days", "Train each window on the days before it only (rolling). Default: anchored (all data before it)", "D", 1, 100_000);
        var testDays = CliArguments.Count("--test-days", "Days of each test window. Default: what follows the warm-up, in windows + 1 parts", "D", 1, 100_000);
        var holdoutDays = CliArguments.Count("--holdout-days", "The last days of the data, never read without --final. Default: 90", "D", 0, 100_000);
        var final = new Option<bool>("--final") { Description = "Trade the holdout once, with the populations evolved on everything before it." };
        var profile = CliArguments.Profile();
        var parallel = CliArguments.Count("--parallel", "Seeds run at once. Default: the core count", "N", 1, 1_024);
        var output = CliArguments.Out("report");
        var html = CliArguments.Html("report");
        var instruments = CliArguments.Instruments();

        var command = new Command("research", "Walk-forward research over many seeds against null models and matched benchmarks, with an untouched holdout.")
        {
            data, seeds, firstSeed, agents, windows, trainDays, testDays, holdoutDays, final, profile, parallel, output, html, instruments,
        };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(data), new ResearchSettings(
            Seeds: parse.GetValue(seeds) ?? 20,
            FirstSeed: parse.GetValue(firstSeed),
            Agents: parse.GetValue(agents) ?? DefaultAgents,
            Windows: parse.GetValue(windows) ?? 4,
            TrainDays: parse.GetValue(trainDays),
            TestDays: parse.GetValue(testDays),
            HoldoutDays: parse.GetValue(holdoutDays) ?? 90,
            Final: parse.GetValue(final),
            Profile: parse.GetValue(profile),
            Parallel: parse.GetValue(parallel)), parse.GetValue(output), parse.GetValue(html), ct, parse.GetValue(instruments)));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string? data, ResearchSettings settings, string? output, string? html,
        CancellationToken ct, string? instruments = null)
    {
        var engineOptions = PrometheusOptionsExtensions.LoadEngineOptions(PrometheusConfiguration.Build(context.ConfigOverrides));
        var series = CliArguments.InstrumentSeries(instruments, data, engineOptions);
        var dataPath = series is null ? CliArguments.RequireDataFile(data ?? ShippedData.Resolve(ShippedData.Okx15m)) : series[0].Path;
        var outPath = CliArguments.RequireWritableOut(output);
        var htmlPath = CliArguments.RequireWritableOut(html, "--html");
        var funding = ShippedData.FundingRates(engineOptions.Backtest.DefaultFundingRate);

        ResearchReport report;
        using (var interrupt = new InterruptScope(context, ct))
        using (var bar = context.IsTerminal ? new TerminalProgressBar(context.Out) : null)
        {
            report = await EngineErrors.RunAsync(dataPath,
                () => ResearchRunner.Run(series is null ? new CandleFileSource(dataPath)
                    : new AlignedCandleSource([.. series.Select(f => CandleSeries.Load(f.InstrumentId, f.Path, f.RecordsNoVolume, f.Bar))]),
                    settings, engineOptions, funding, bar, interrupt.Token), interrupt.Token);
        }

        ReportTable.WriteResearch(context.Out, report);
        if (outPath is not null)
        {
            ReportJson.Write(outPath, report);
            context.Out.WriteLine();
            context.Out.WriteLine($"Report written to {outPath}");
        }
        if (htmlPath is not null)
        {
            ReportHtml.WriteResearch(htmlPath, report);
            context.Out.WriteLine($"HTML report written to {htmlPath}");
        }
        return ExitCodes.Ok;
    }

    private static int ParseSeed(System.CommandLine.Parsing.ArgumentResult result)
    {
        try
        {
            return CliArguments.ParseSeed(result.Tokens[^1].Value);
        }
        catch (CliException e)
        {
            result.AddError(e.Message.Replace("--seed", "--first-seed", StringComparison.Ordinal));
            return 1;
        }
    }
}
