using System.CommandLine;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Market;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Cli;

/// <summary>
/// `bench`: times the real backtest path (agent-bars/s, fills/s, peak working set) on a fixed
/// series and population, the store, an order's round trip and the dashboard (a fill to a hub client, a month of
/// history loaded), prints the figures and writes them as JSON with --out.
/// </summary>
public static class BenchVerb
{
    public const int DefaultAgents = 100;

    public static Command Create(CliContext context)
    {
        var output = CliArguments.Out("figures");
        var data = CliArguments.Data($"the shipped 5m Binance BTC/USDT file ({Path.GetFileName(ShippedData.Binance5m)})");
        var agents = CliArguments.Agents(DefaultAgents.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var records = new Option<int?>("--records")
        {
            Description = "Trade records in the ledger the restore is timed on, 1..10,000,000. Default: 1,000,000",
            HelpName = "N",
        };
        records.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } n && n is < 1 or > 10_000_000)
                result.AddError($"--records must be a whole number between 1 and 10000000 (was {n})");
        });
        var journalEvents = new Option<int?>("--journal-events")
        {
            Description = "Journalled events behind the last snapshot the restart is timed on, 0..10,000,000 (0 skips it). Default: 1,000,000",
            HelpName = "N",
        };
        journalEvents.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } n && n is < 0 or > 10_000_000)
                result.AddError($"--journal-events must be a whole number between 0 and 10000000 (was {n})");
        });
        var researchSeeds = CliArguments.Count("--research-seeds",
            "Seeds of the research run timed on the shipped 15m OKX series, on every core (0 skips it). Default: 20", "N", 0, 1_000);
        var command = new Command("bench", "Measure the backtest and research paths' throughput and memory, and the store's booking, checkpoint and restore times.")
        {
            output, data, agents, records, journalEvents, researchSeeds,
        };
        command.SetAction((parse, ct) => RunAsync(context,
            parse.GetValue(data), parse.GetValue(agents), parse.GetValue(output), ct, parse.GetValue(records) ?? 1_000_000,
            parse.GetValue(researchSeeds) ?? 20, parse.GetValue(journalEvents) ?? 1_000_000));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string? data, int? agents, string? output, CancellationToken ct, int records = 1_000_000,
        int researchSeeds = 20, int journalEvents = 1_000_000)
    {
        var configuration = PrometheusConfiguration.Build(context.ConfigOverrides);
        var engineOptions = PrometheusOptionsExtensions.LoadEngineOptions(configuration);
        // The store is also measured on PostgreSQL when Prometheus:Store:ConnectionString names a server (in a database of its own there).
        var storeOptions = OptionsSection.Bind<global::Prometheus.Engine.Persistence.StoreOptions>(configuration, global::Prometheus.Engine.Persistence.StoreOptions.Section);
        var postgresServer = string.IsNullOrWhiteSpace(storeOptions.ConnectionString) ? null : storeOptions.ConnectionString;
        var dataPath = CliArguments.RequireDataFile(data ?? ShippedData.Resolve(ShippedData.Binance5m));
        var okx15m = ShippedData.Resolve(ShippedData.Okx15m);
        var outPath = CliArguments.RequireWritableOut(output);
        var funding = ShippedData.FundingRates(engineOptions.Backtest.DefaultFundingRate);
        var population = agents ?? DefaultAgents;

        BenchReport report;
        using (var interrupt = new InterruptScope(context, ct))
        using (var bar = context.IsTerminal ? new TerminalProgressBar(context.Out) : null)
        {
            // The store's benches come last: their million-record restore would otherwise be the peak the others report.
            var backtest = await EngineErrors.RunAsync(dataPath,
                () => BenchRunner.Backtest(dataPath, population, engineOptions, bar, interrupt.Token, funding), interrupt.Token);
            var okx = await EngineErrors.RunAsync(okx15m,
                () => BenchRunner.Backtest(okx15m, population, engineOptions, bar, interrupt.Token, funding), interrupt.Token);
            var research = researchSeeds == 0 ? null : await EngineErrors.RunAsync(okx15m,
                () => BenchRunner.Research(new CandleFileSource(okx15m), researchSeeds, population, engineOptions, funding, bar, interrupt.Token),
                interrupt.Token);
            report = await EngineErrors.RunAsync(dataPath, () => BenchRunner.Store(backtest, engineOptions, records, interrupt.Token, journalEvents, postgresServer), interrupt.Token)
                with { BacktestOkx15m = okx, Research = research };
        }

        report = report with
        {
            OrderRoundTrip = await OrderRoundTripBench.RunAsync(engineOptions, ct: ct),
            Dashboard = await DashboardBench.RunAsync(engineOptions, ct: ct),
        };
        ReportTable.WriteBench(context.Out, report);
        if (outPath is not null)
        {
            ReportJson.Write(outPath, report);
            context.Out.WriteLine();
            context.Out.WriteLine($"Figures written to {outPath}");
        }
        return ExitCodes.Ok;
    }
}
