using System.Text.Json;
using Prometheus.Engine.Persistence;

namespace Prometheus.Web.Tests.Cli;

/// <summary>The recover verb on a data dir a real (short) serve filled: the report, a past state, fresh ledgers.</summary>
public sealed class RecoverVerbTests
{
    private static async Task<string> ServedDataDirAsync()
    {
        var dir = TempFolder.Create();
        var serve = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--duration", "4"],
            new Dictionary<string, string?> { ["Prometheus:DataDir"] = dir, ["Prometheus:Paper:BarsPerSecond"] = "400" });
        Assert.True(serve.ExitCode == 0, serve.Error);
        return dir;
    }

    private static Dictionary<string, string?> At(string dir) => new() { ["Prometheus:DataDir"] = dir };

    [Fact]
    public async Task Recover_prints_the_report_without_trading_or_writing()
    {
        var dir = await ServedDataDirAsync();
        var before = Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/logs/"))
            .ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var text = await CliRunner.RunAsync(["recover"], At(dir));
        var json = await CliRunner.RunAsync(["recover", "--json"], At(dir));

        Assert.Equal(0, text.ExitCode);
        foreach (var section in new[] { "System state", "Restored", "Agents", "Reconciliation", "Decision", "Public ledger records", "awaiting confirmation" })
            Assert.Contains(section, text.Out);
        Assert.Equal(0, json.ExitCode);
        var report = JsonDocument.Parse(json.Out).RootElement;
        Assert.False(report.GetProperty("freshStart").GetBoolean());
        Assert.True(report.GetProperty("reconciliation").GetProperty("ledger").GetProperty("consistent").GetBoolean());
        Assert.All(before, f => Assert.Equal(f.Value, File.GetLastWriteTimeUtc(f.Key)));
    }

    [Fact]
    public async Task Recover_into_a_new_data_dir_copies_the_state_as_of_a_moment_and_agents_only_starts_fresh_ledgers()
    {
        var dir = await ServedDataDirAsync();
        var copy = Path.Combine(TempFolder.Create(), "copy");
        var fresh = Path.Combine(TempFolder.Create(), "fresh");
        var now = DateTimeOffset.UtcNow.AddSeconds(1).ToString("yyyy-MM-ddTHH:mm:ssZ");

        var atNow = await CliRunner.RunAsync(["recover", "--at", now, "--into", copy], At(dir));
        var agentsOnly = await CliRunner.RunAsync(["recover", "--agents-only", "--into", fresh], At(dir));
        var tooEarly = await CliRunner.RunAsync(["recover", "--at", "2020-01-01T00:00:00Z"], At(dir));
        var notEmpty = await CliRunner.RunAsync(["recover", "--into", dir], At(TempFolder.Create()));

        Assert.True(atNow.ExitCode == 0, atNow.Error);
        using (var original = StoreReader.Open(dir))
        using (var copied = StoreReader.Open(copy))
        {
            Assert.Equal(original.Trades(), copied.Trades());
            Assert.Equal(EngineJson.Serialize(original.Load().State.Agents), EngineJson.Serialize(copied.Load().State.Agents));
        }
        Assert.True(agentsOnly.ExitCode == 0, agentsOnly.Error);
        using (var renewed = StoreReader.Open(fresh))
        {
            Assert.Empty(renewed.Trades());
            var state = renewed.Load().State;
            Assert.All(state.Ledgers, l => Assert.Empty(l.Positions));
            Assert.All(state.Ledgers, l => Assert.Equal(l.InitialCapital, l.Capital));
        }
        Assert.Equal(2, tooEarly.ExitCode);
        Assert.Contains("No snapshot was saved at or before 2020-01-01", Assert.Single(tooEarly.ErrorLines));
        Assert.Equal(2, notEmpty.ExitCode);
    }

    [Fact]
    public async Task Recover_at_a_market_time_rebuilds_the_state_of_the_last_save_before_the_market_reached_it()
    {
        var dir = await ServedDataDirAsync();
        List<Prometheus.Engine.Ledger.TradeRecord> all;
        using (var original = StoreReader.Open(dir)) all = original.Trades();
        var times = all.Select(t => t.TimestampMs).Distinct().Order().ToList();
        Assert.True(times.Count >= 4, $"the short serve booked trades at {times.Count} market times");
        var middle = times[times.Count / 2];
        var copy = Path.Combine(TempFolder.Create(), "copy");

        var atMarket = await CliRunner.RunAsync(["recover", "--at", "market:" + DateTimeOffset.FromUnixTimeMilliseconds(middle).ToString("O"), "--into", copy], At(dir));
        var tooEarly = await CliRunner.RunAsync(["recover", "--at", "market:2000-01-01T00:00:00Z"], At(dir));
        var unnamed = await CliRunner.RunAsync(["recover", "--at", "market:yesterday"], At(dir));

        Assert.True(atMarket.ExitCode == 0, atMarket.Error);
        Assert.Contains("as of market time", atMarket.Out);
        using (var copied = StoreReader.Open(copy))
        {
            var kept = copied.Trades();
            // Every fill the market had reached is there; what came after the save it was rebuilt from is not.
            Assert.Equal(all.Where(t => t.TimestampMs <= middle), kept.Where(t => t.TimestampMs <= middle));
            Assert.True(kept.Count < all.Count, $"{kept.Count} of {all.Count} trades kept");
            Assert.Equal(all.Take(kept.Count), kept);
        }
        Assert.Equal(2, tooEarly.ExitCode);
        Assert.Contains("Nothing was saved at or before market time 2000-01-01", Assert.Single(tooEarly.ErrorLines));
        Assert.Equal(2, unnamed.ExitCode);
        Assert.Contains("--at must be a moment such as", unnamed.Error);
    }
}
