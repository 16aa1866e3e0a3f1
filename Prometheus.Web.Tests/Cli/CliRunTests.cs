using System.Text.Json;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Tests.Cli;

/// <summary>The backtest and bench verbs end to end, in-process, on the shipped data.</summary>
public class CliRunTests
{
    [Fact]
    public async Task Backtest_prints_the_table_and_writes_the_report_json_with_its_contract_fields()
    {
        var output = Path.Combine(TempFolder.Create(), "report.json");

        var result = await CliRunner.RunAsync("backtest", "--agents", "4", "--seed", "5", "--from", "2023-01-01", "--to", "2023-02-20", "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Contains("exp.-matched", result.Out);
        Assert.Contains("buy & hold", result.Out);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var root = json.RootElement;
        foreach (var field in new[] { "roi", "maxDrawdown", "sharpe", "winRate", "trades", "avgHoldingHours", "buyHoldRoi", "feesPaid",
                     "births", "deaths", "valhalla", "outOfSample", "agentBarsPerSecond", "ledgerHash",
                     "period", "fundingPaid", "fundingEvents", "buyHold", "exposureMatched", "alpha", "beta", "informationRatio",
                     "avgNetExposure", "avgGrossExposure", "deployedShare", "medianAgent" })
            Assert.True(root.TryGetProperty(field, out _), $"report.json lacks '{field}'");
        foreach (var field in new[] { "roi", "maxDrawdown", "sharpe", "trades" })
            Assert.True(root.GetProperty("outOfSample").TryGetProperty(field, out _), $"outOfSample lacks '{field}'");
        Assert.Equal(64, root.GetProperty("ledgerHash").GetString()!.Length);
        Assert.Equal(4, root.GetProperty("agents").GetInt32());
    }

    [Fact]
    public async Task Backtest_over_three_swaps_trades_each_on_its_own_series_and_lists_their_fills()
    {
        var output = Path.Combine(TempFolder.Create(), "report.json");

        var result = await CliRunner.RunAsync("backtest", "--agents", "6", "--seed", "2", "--from", "2023-01-01", "--to", "2023-03-31",
            "--instruments", "okx:BTC-USDT-SWAP,okx:ETH-USDT-SWAP,okx:SOL-USDT-SWAP", "--out", output);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("eth-usdt-swap-mark-1h-okx", result.Out);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var instruments = json.RootElement.GetProperty("instruments").EnumerateArray()
            .ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("fills").GetInt32());
        Assert.Equal(["okx:BTC-USDT-SWAP", "okx:ETH-USDT-SWAP", "okx:SOL-USDT-SWAP"], instruments.Keys);
        Assert.All(instruments, i => Assert.True(i.Value > 0, $"{i.Key} traded nothing"));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_ledger_hash_through_the_verb()
    {
        var first = Path.Combine(TempFolder.Create(), "a.json");
        var second = Path.Combine(TempFolder.Create(), "b.json");
        string[] args = ["backtest", "--agents", "3", "--seed", "9", "--from", "2023-01-01", "--to", "2023-02-10"];

        Assert.Equal(0, (await CliRunner.RunAsync([.. args, "--out", first], null)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync([.. args, "--out", second], null)).ExitCode);

        static string Hash(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("ledgerHash").GetString()!;
        Assert.Equal(Hash(first), Hash(second));
    }

    [Fact]
    public async Task Bench_writes_its_backtest_and_store_sections()
    {
        var output = Path.Combine(TempFolder.Create(), "bench.json");

        // With a PostgreSQL server configured, the store is measured there too (in a database of the bench's own).
        var postgres = Prometheus.Engine.Tests.Persistence.PostgresTestDatabase.Server;
        var result = await CliRunner.RunAsync(["bench", "--agents", "2", "--data", ShippedData.Resolve(ShippedData.Okx15m), "--records", "5000",
            "--journal-events", "30000", "--research-seeds", "1", "--out", output],
            postgres is null ? null : new Dictionary<string, string?> { ["Prometheus:Store:ConnectionString"] = postgres }, TimeSpan.FromMinutes(5));

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var backtest = json.RootElement.GetProperty("backtest");
        Assert.Equal(2, backtest.GetProperty("agents").GetInt32());
        Assert.Equal(115_506 - 2_881, backtest.GetProperty("bars").GetInt64()); // the warm-up bars are not traded
        Assert.Equal(backtest.GetProperty("bars").GetInt64(), json.RootElement.GetProperty("backtestOkx15m").GetProperty("bars").GetInt64());
        var research = json.RootElement.GetProperty("research");
        Assert.Equal(1, research.GetProperty("seeds").GetInt32());
        Assert.Equal(2, research.GetProperty("agents").GetInt32());
        Assert.True(research.GetProperty("agentBarsPerSecond").GetDouble() > 0);
        Assert.True(research.GetProperty("seconds").GetDouble() > 0);
        Assert.True(backtest.GetProperty("agentBarsPerSecond").GetDouble() > 0);
        Assert.True(backtest.GetProperty("fillsPerSecond").GetDouble() > 0);
        Assert.True(backtest.GetProperty("peakWorkingSetMb").GetDouble() > 0);
        var booking = json.RootElement.GetProperty("booking");
        Assert.True(booking.GetProperty("p99Ms").GetDouble() >= booking.GetProperty("p50Ms").GetDouble());
        Assert.Equal(100, json.RootElement.GetProperty("checkpoint").GetProperty("agents").GetInt32());
        Assert.True(json.RootElement.GetProperty("checkpoint").GetProperty("p99Ms").GetDouble() > 0);
        var restore = json.RootElement.GetProperty("restore");
        Assert.Equal(100, restore.GetProperty("agents").GetInt32());
        Assert.Equal(5000, restore.GetProperty("records").GetInt32());
        var restart = json.RootElement.GetProperty("restart");
        Assert.Equal(30_000, restart.GetProperty("journalEvents").GetInt64());
        Assert.True(restart.GetProperty("seconds").GetDouble() > 0);
        var scheduled = restart.GetProperty("scheduled");
        Assert.Equal(30_000, scheduled.GetProperty("runEvents").GetInt64());
        Assert.InRange(scheduled.GetProperty("replayedEvents").GetInt64(), 1, 5_000 * 5); // at most the tail of one snapshot interval
        Assert.True(restore.GetProperty("seconds").GetDouble() > 0);
        var stores = json.RootElement.GetProperty("store").EnumerateArray().ToList();
        Assert.Equal(postgres is null ? ["Sqlite"] : ["Sqlite", "Postgres"], stores.Select(s => s.GetProperty("provider").GetString()));
        Assert.Equal(booking.GetProperty("p99Ms").GetDouble(), stores[0].GetProperty("bookingP99Ms").GetDouble());
        Assert.Equal(restore.GetProperty("seconds").GetDouble(), stores[0].GetProperty("restoreSeconds").GetDouble());
        Assert.All(stores, s => Assert.True(s.GetProperty("bookingP99Ms").GetDouble() > 0 && s.GetProperty("restoreSeconds").GetDouble() > 0));
        Assert.All(stores, s => Assert.Equal(5000, s.GetProperty("records").GetInt32()));
        // The trade rows read alone both ways (the store's reader and EF Core), the figures behind reading them outside EF Core.
        Assert.All(stores, s => Assert.True(s.GetProperty("tradeRowsSeconds").GetDouble() > 0 && s.GetProperty("tradeRowsEfCoreSeconds").GetDouble() > 0));
        Assert.All(stores, s => Assert.True(s.GetProperty("bookingEfCoreP99Ms").GetDouble() >= s.GetProperty("bookingEfCoreP50Ms").GetDouble()
            && s.GetProperty("bookingEfCoreP50Ms").GetDouble() > 0));
        Assert.All(stores, s => Assert.True(s.GetProperty("checkpointEfCoreP99Ms").GetDouble() >= s.GetProperty("checkpointEfCoreP50Ms").GetDouble()
            && s.GetProperty("checkpointEfCoreP50Ms").GetDouble() > 0 && s.GetProperty("checkpointP99Ms").GetDouble() > 0));
        Assert.Equal(json.RootElement.GetProperty("checkpoint").GetProperty("p99Ms").GetDouble(), stores[0].GetProperty("checkpointP99Ms").GetDouble());
        Assert.Contains("Bench: store by provider", result.Out);
        var reconciliation = json.RootElement.GetProperty("reconciliation");
        Assert.Equal(100, reconciliation.GetProperty("agents").GetInt32());
        Assert.Equal(10_000, reconciliation.GetProperty("fills").GetInt32());
        Assert.True(reconciliation.GetProperty("seconds").GetDouble() > 0);
        var roundTrip = json.RootElement.GetProperty("orderRoundTrip");
        Assert.Equal(200, roundTrip.GetProperty("orders").GetInt32());
        Assert.True(roundTrip.GetProperty("p99Ms").GetDouble() >= roundTrip.GetProperty("p50Ms").GetDouble());
        var dashboard = json.RootElement.GetProperty("dashboard");
        Assert.Equal(100, dashboard.GetProperty("tradingAgents").GetInt32());
        Assert.True(dashboard.GetProperty("fillsMeasured").GetInt32() > 0);
        Assert.True(dashboard.GetProperty("fillToBrowserP99Ms").GetDouble() >= dashboard.GetProperty("fillToBrowserP50Ms").GetDouble());
        Assert.Equal(dashboard.GetProperty("fillToBrowserP99Ms").GetDouble() <= 250, dashboard.GetProperty("fillToBrowserTargetMet").GetBoolean());
        Assert.True(dashboard.GetProperty("historyLoadMs").GetDouble() > 0);
        var history = dashboard.GetProperty("history");
        Assert.Equal(100, history.GetProperty("agents").GetInt32());
        Assert.Equal(30, history.GetProperty("days").GetInt32());
        Assert.Equal(100 * 30 * 10, history.GetProperty("fills").GetInt32());
        Assert.Equal(30 * 96 + 100 * 30 * 24, history.GetProperty("equityPoints").GetInt32());
        Assert.Contains("to browser p50 / p99", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2019-01-01", "error: --from 2019-01-01 is outside the data (2023-01-01 to 2026-04-18)")]
    [InlineData("2027-01-01", "error: --from 2027-01-01 is outside the data (2023-01-01 to 2026-04-18)")]
    public async Task A_date_range_outside_the_data_exits_2_with_one_line(string from, string message)
    {
        var result = await CliRunner.RunAsync("backtest", "--from", from);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([message], result.ErrorLines);
    }

    [Fact]
    public async Task A_malformed_data_file_exits_2_naming_the_file_and_line()
    {
        var path = Path.Combine(TempFolder.Create(), "bad.csv");
        await File.WriteAllTextAsync(path, "ts,open,high,low,close,volume\n1672531200000,1,2,0.5,1.5,10\n1672532100000,1,2,oops,1.5,10\n");

        var result = await CliRunner.RunAsync("backtest", "--data", path);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: {path}:3:", line);
    }
}
