using System.CommandLine;
using Prometheus.Engine.Backtest;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Cli;

/// <summary>
/// `bench`: times the real backtest path (agent-bars/s, fills/s, peak working set) on a fixed
/// series and population, prints the figures and writes them as JSON with --out.
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
        var command = new Command("bench", "Measure the backtest path's throughput and memory, and the store's booking, checkpoint and restore times.")
        {
            output, data, agents, records,
        };
        command.SetAction((parse, ct) => RunAsync(context,
            parse.GetValue(data), parse.GetValue(agents), parse.GetValue(output), ct, parse.GetValue(records) ?? 1_000_000));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, string? data, int? agents, string? output, CancellationToken ct, int records = 1_000_000)
    {
        var engineOptions = PrometheusOptionsExtensions.LoadEngineOptions(PrometheusConfiguration.Build(context.ConfigOverrides));
        var dataPath = CliArguments.RequireDataFile(data ?? ShippedData.Resolve(ShippedData.Binance5m));
        var outPath = CliArguments.RequireWritableOut(output);

        BenchReport report;
        using (var interrupt = new InterruptScope(context, ct))
        using (var bar = context.IsTerminal ? new TerminalProgressBar(context.Out) : null)
        {
            report = await EngineErrors.RunAsync(dataPath,
                () => BenchRunner.Run(dataPath, agents ?? DefaultAgents, engineOptions, bar, interrupt.Token, records), interrupt.Token);
        }

        report = report with { OrderRoundTrip = await OrderRoundTripBench.RunAsync(engineOptions, ct: ct) };
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
