using System.CommandLine;
using Prometheus.Engine.Backtest;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Cli;

/// <summary>
/// `backtest`: the whole population over a candle file through the engine's real path, then the
/// report as a table (and as JSON with --out). Arguments, paths and configuration are all checked
/// before the run starts, so a typo never costs a long run.
/// </summary>
public static class BacktestVerb
{
    public static Command Create(CliContext context)
    {
        var data = CliArguments.Data($"the shipped 15m OKX BTC-USDT-SWAP file ({Path.GetFileName(ShippedData.Okx15m)})");
        var agents = CliArguments.Agents("Prometheus:Agents:Initial");
        var seed = CliArguments.Seed();
        var from = CliArguments.Date("--from", "First day of the run (UTC). Default: the file's first bar.");
        var to = CliArguments.Date("--to", "Last day of the run (UTC). Default: the file's last bar.");
        var profile = CliArguments.Profile();
        var output = CliArguments.Out("report");
        var html = CliArguments.Html("report");
        var instruments = CliArguments.Instruments();

        var command = new Command("backtest", "Run a backtest over a candle file (or several instruments' series) and print its report.")
        {
            data, agents, seed, from, to, profile, output, html, instruments,
        };
        command.SetAction((parse, ct) => RunAsync(context,
            parse.GetValue(data), parse.GetValue(agents), parse.GetValue(seed),
            parse.GetValue(from), parse.GetValue(to), parse.GetValue(profile), parse.GetValue(output), parse.GetValue(html), ct,
            parse.GetValue(instruments)));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string? data, int? agents, int seed,
        DateOnly? from, DateOnly? to, string? profile, string? output, string? html, CancellationToken ct, string? instruments = null)
    {
        CliArguments.RequireOrderedRange(from, to);
        var engineOptions = PrometheusOptionsExtensions.LoadEngineOptions(PrometheusConfiguration.Build(context.ConfigOverrides));
        var series = CliArguments.InstrumentSeries(instruments, data, engineOptions);
        var dataPath = series is null ? CliArguments.RequireDataFile(data ?? ShippedData.Resolve(ShippedData.Okx15m)) : series[0].Path;
        var outPath = CliArguments.RequireWritableOut(output);
        var htmlPath = CliArguments.RequireWritableOut(html, "--html");
        var funding = ShippedData.FundingRates(engineOptions.Backtest.DefaultFundingRate);
        var settings = new BacktestSettings(dataPath, agents ?? engineOptions.Agents.Initial, seed, from, to, Profile: profile, Funding: funding, Series: series);

        BacktestReport report;
        using (var interrupt = new InterruptScope(context, ct))
        using (var bar = context.IsTerminal ? new TerminalProgressBar(context.Out) : null)
        {
            report = await EngineErrors.RunAsync(dataPath,
                () => BacktestRunner.Run(settings, engineOptions, bar, interrupt.Token), interrupt.Token);
        }

        ReportTable.WriteBacktest(context.Out, report);
        if (outPath is not null)
        {
            ReportJson.Write(outPath, report);
            context.Out.WriteLine();
            context.Out.WriteLine($"Report written to {outPath}");
        }
        if (htmlPath is not null)
        {
            ReportHtml.WriteBacktest(htmlPath, report);
            context.Out.WriteLine($"HTML report written to {htmlPath}");
        }
        return ExitCodes.Ok;
    }
}
