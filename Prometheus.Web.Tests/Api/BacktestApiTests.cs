using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Persistence;
using Prometheus.Web.Cli;
using Prometheus.Web.Configuration;

namespace Prometheus.Web.Tests.Api;

/// <summary>
/// POST /api/backtests and GET /api/backtests/current: a backtest started through the API runs the backtest verb's code
/// off the trading loop, one at a time, reports its progress, and writes its report to the reports folder; bad input is
/// refused naming the field and starts nothing.
/// </summary>
public sealed class BacktestApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private string ReportsDir => Path.Combine(factory.DataDir, "reports");

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private string[] ReportFiles() => Directory.Exists(ReportsDir) ? Directory.GetFiles(ReportsDir) : [];

    [Fact]
    public async Task A_backtest_started_through_the_api_reports_progress_and_writes_the_same_report_as_the_backtest_verb()
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();

        var started = await JsonAsync(await client.PostAsync("/api/backtests", Body("""{"agents": 10, "seed": 7}""")), HttpStatusCode.Accepted);
        Assert.Equal("running", started.GetProperty("state").GetString());
        var seen = new List<double>();
        JsonElement current;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            current = await JsonAsync(await client.GetAsync("/api/backtests/current"), HttpStatusCode.OK);
            seen.Add(current.GetProperty("progress").GetDouble());
            if (current.GetProperty("state").GetString() != "running") break;
            Assert.True(DateTime.UtcNow < deadline, "the backtest did not end in 120 s");
            await Task.Delay(100);
        }

        Assert.Equal("done", current.GetProperty("state").GetString());
        Assert.All(seen, p => Assert.InRange(p, 0, 1));
        Assert.Equal(seen.OrderBy(p => p), seen);
        Assert.Equal(1, seen[^1]);
        Assert.Equal(started.GetProperty("startedAt").GetDateTimeOffset(), current.GetProperty("startedAt").GetDateTimeOffset());
        var name = current.GetProperty("reportName").GetString()!;
        Assert.True(File.Exists(Path.Combine(ReportsDir, name)), $"{name} is not in the reports folder");

        var report = JsonSerializer.Deserialize<BacktestReport>(await client.GetStringAsync($"/api/reports/{name}"), ReportJson.Options)!;
        Assert.Equal(10, report.Agents);
        Assert.Equal(7, report.Seed);
        var from = DateOnly.Parse(current.GetProperty("from").GetString()!, CultureInfo.InvariantCulture);
        var to = DateOnly.Parse(current.GetProperty("to").GetString()!, CultureInfo.InvariantCulture);
        Assert.Equal(59, to.DayNumber - from.DayNumber);

        // The backtest verb over the same series (paper trading's by default: BTC's 15m candles gathered into hours, ETH's
        // and SOL's 1h mark prices), range and seed books the same ledger.
        var verbOut = Path.Combine(TempFolder.Create(), "verb.json");
        var btc15m = ShippedData.Resolve(ShippedData.Okx15m);
        var series = $"okx:BTC-USDT={btc15m}@1H,okx:BTC-USDT-SWAP={btc15m}@1H,"
            + $"okx:ETH-USDT-SWAP={ShippedData.Resolve(ShippedData.OkxEthMark1h)},okx:SOL-USDT-SWAP={ShippedData.Resolve(ShippedData.OkxSolMark1h)}";
        var verb = await CliRunner.RunAsync("backtest", "--agents", "10", "--seed", "7", "--from", Iso(from), "--to", Iso(to), "--out", verbOut,
            "--instruments", series);
        Assert.True(verb.ExitCode == 0, verb.Error);
        var byVerb = JsonSerializer.Deserialize<BacktestReport>(File.ReadAllText(verbOut), ReportJson.Options)!;
        Assert.Equal(byVerb.LedgerHash, report.LedgerHash);
        Assert.Equal(byVerb.Roi, report.Roi);

        var listed = (await JsonAsync(await client.GetAsync("/api/reports"), HttpStatusCode.OK)).EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == name);
        Assert.Equal("backtest", listed.GetProperty("kind").GetString());

        using var reader = StoreReader.Open(factory.DataDir);
        Assert.Contains(reader.Audit(0, 1000), a => a.Action == "backtest-start" && a.Detail.Contains("seed 7"));
    }

    [Theory]
    [InlineData("""{"agents": 0}""", "agents")]
    [InlineData("""{"agents": 5000}""", "agents")]
    [InlineData("""{"agents": "ten"}""", "agents")]
    [InlineData("""{"seed": 1.5}""", "seed")]
    [InlineData("""{"profile": "nope"}""", "profile")]
    [InlineData("""{"from": "1999-01-01"}""", "from")]
    [InlineData("""{"to": "2099-01-01"}""", "to")]
    [InlineData("""{"from": "2025-06-01", "to": "2025-05-01"}""", "from")]
    [InlineData("""{"from": "2025-06-01", "to": "2025-06-10"}""", "from")]
    [InlineData("""{"from": "yesterday"}""", "from")]
    [InlineData("""{"from": "2025-06-01", "to": "2025-08-01""", "to")]
    public async Task Bad_input_is_refused_naming_the_field_and_starts_nothing(string body, string field)
    {
        await factory.StartedAsync();
        using var client = factory.Authorized();
        var before = await JsonAsync(await client.GetAsync("/api/backtests/current"), HttpStatusCode.OK);
        var files = ReportFiles();

        var problem = await JsonAsync(await client.PostAsync("/api/backtests", Body(body)), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before.ToString(), (await JsonAsync(await client.GetAsync("/api/backtests/current"), HttpStatusCode.OK)).ToString());
        Assert.Equal(files, ReportFiles());
    }

    [Fact]
    public async Task A_second_backtest_while_one_runs_is_409_and_the_host_stop_cancels_the_running_one()
    {
        await factory.StartedAsync(); // the class's host first: two hosts never start at once here
        var host = new ApiFactory();
        await host.StartedAsync();
        using var client = host.Authorized();
        // A year of 500 agents: still running when the second request comes.
        await JsonAsync(await client.PostAsync("/api/backtests", Body("""{"agents": 500, "from": "2024-01-01", "to": "2024-12-31"}""")),
            HttpStatusCode.Accepted);

        var second = await JsonAsync(await client.PostAsync("/api/backtests", Body("""{"agents": 10, "seed": 8}""")), HttpStatusCode.Conflict);

        Assert.Contains("one at a time", second.GetProperty("detail").GetString());
        var current = await JsonAsync(await client.GetAsync("/api/backtests/current"), HttpStatusCode.OK);
        Assert.Equal(("running", 500), (current.GetProperty("state").GetString(), current.GetProperty("agents").GetInt32()));
        var jobs = host.Services.GetRequiredService<Prometheus.Web.Reports.BacktestJobs>();
        await host.DisposeAsync();
        Assert.Equal("cancelled", jobs.Current.State);
        var folder = Path.Combine(host.DataDir, "reports");
        Assert.Empty(Directory.Exists(folder) ? Directory.GetFiles(folder) : []);
    }

    [Fact]
    public async Task Before_any_run_the_current_backtest_is_idle()
    {
        await factory.StartedAsync(); // the class's host first: two hosts never start at once here
        using var fresh = new ApiFactory();
        using var client = fresh.Authorized();

        var current = await JsonAsync(await client.GetAsync("/api/backtests/current"), HttpStatusCode.OK);

        Assert.Equal("idle", current.GetProperty("state").GetString());
        Assert.Equal(0, current.GetProperty("progress").GetDouble());
        Assert.Equal(JsonValueKind.Null, current.GetProperty("startedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, current.GetProperty("reportName").ValueKind);
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
