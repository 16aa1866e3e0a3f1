using System.Net;
using System.Text.Json;
using Prometheus.Engine.Backtest;
using Prometheus.Web.Cli;
using Prometheus.Web.Tests.Cli;

namespace Prometheus.Web.Tests.Api;

/// <summary>
/// GET /api/reports and /api/reports/{name}: the reports in &lt;DataDir&gt;/reports recognised by their shape, a file that is
/// no report listed as unreadable with the reason, one report answered as its file holds it, and no name reaching outside
/// the folder.
/// </summary>
public sealed class ReportApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private string ReportsDir => Directory.CreateDirectory(Path.Combine(factory.DataDir, "reports")).FullName;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<JsonElement> EntryAsync(string name)
    {
        using var client = factory.Authorized();
        var list = await JsonAsync(await client.GetAsync("/api/reports"), HttpStatusCode.OK);
        return list.EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task The_list_recognises_backtest_and_research_reports_by_their_shape_with_their_headlines()
    {
        var backtest = SampleReports.Backtest();
        var research = SampleResearchReports.Research(SampleResearchReports.TenSharpes);
        ReportJson.Write(Path.Combine(ReportsDir, "list-backtest.json"), backtest);
        ReportJson.Write(Path.Combine(ReportsDir, "list-research.json"), research);

        var b = await EntryAsync("list-backtest.json");
        Assert.Equal("backtest", b.GetProperty("kind").GetString());
        Assert.Equal(new FileInfo(Path.Combine(ReportsDir, "list-backtest.json")).Length, b.GetProperty("sizeBytes").GetInt64());
        Assert.Equal(File.GetLastWriteTimeUtc(Path.Combine(ReportsDir, "list-backtest.json")), b.GetProperty("writtenAt").GetDateTimeOffset().UtcDateTime);
        var headline = b.GetProperty("summary");
        Assert.Equal(backtest.Roi, headline.GetProperty("roi").GetDecimal());
        Assert.Equal(backtest.BuyHold.Roi, headline.GetProperty("buyHoldRoi").GetDecimal());
        Assert.Equal(backtest.ExposureMatched.Roi, headline.GetProperty("exposureMatchedRoi").GetDecimal());
        Assert.Equal(backtest.MaxDrawdown, headline.GetProperty("maxDrawdown").GetDecimal());
        Assert.Equal(backtest.Sharpe, headline.GetProperty("sharpe").GetDouble());

        var r = await EntryAsync("list-research.json");
        Assert.Equal("research", r.GetProperty("kind").GetString());
        Assert.Equal(research.Summary.Verdict, r.GetProperty("summary").GetProperty("verdict").GetString());
        Assert.Equal(research.Settings.SeedCount, r.GetProperty("summary").GetProperty("seeds").GetInt32());
        Assert.Equal(research.Summary.Population.Sharpe.Median, r.GetProperty("summary").GetProperty("medianSharpe").GetDouble());
    }

    [Theory]
    [InlineData("broken.json", "{ \"ledgerHash\": ", "not valid JSON")]
    [InlineData("foreign.json", "{\"hello\": 1}", "neither a backtest report")]
    [InlineData("array.json", "[1, 2]", "not an object")]
    [InlineData("partial.json", "{\"ledgerHash\": \"abc\", \"buyHold\": {}}", "does not read as one")]
    [InlineData("empty.json", "", "not valid JSON")]
    public async Task A_file_that_is_no_report_is_listed_as_unreadable_with_the_reason(string name, string content, string reason)
    {
        File.WriteAllText(Path.Combine(ReportsDir, name), content);

        var entry = await EntryAsync(name);

        Assert.Equal("unreadable", entry.GetProperty("kind").GetString());
        Assert.Contains(reason, entry.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("summary").ValueKind);
        using var client = factory.Authorized();
        var problem = await JsonAsync(await client.GetAsync($"/api/reports/{name}"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains(reason, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_research_report_missing_a_field_is_unreadable_not_a_crash()
    {
        var json = JsonDocument.Parse(ReportJson.Serialize(SampleResearchReports.Research([0.5, 0.7])));
        var without = json.RootElement.EnumerateObject().Where(p => p.Name != "costs").ToDictionary(p => p.Name, p => p.Value);
        File.WriteAllText(Path.Combine(ReportsDir, "no-costs.json"), JsonSerializer.Serialize(without));

        var entry = await EntryAsync("no-costs.json");

        Assert.Equal("unreadable", entry.GetProperty("kind").GetString());
        Assert.Contains("research report", entry.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Only_json_files_are_listed()
    {
        File.WriteAllText(Path.Combine(ReportsDir, "notes.txt"), "not a report");
        ReportJson.Write(Path.Combine(ReportsDir, "listed.json"), SampleReports.Backtest());
        using var client = factory.Authorized();

        var names = (await JsonAsync(await client.GetAsync("/api/reports"), HttpStatusCode.OK)).EnumerateArray()
            .Select(e => e.GetProperty("name").GetString()).ToList();

        Assert.Contains("listed.json", names);
        Assert.DoesNotContain("notes.txt", names);
    }

    [Fact]
    public async Task A_report_is_answered_as_its_file_holds_it()
    {
        var path = Path.Combine(ReportsDir, "read-me.json");
        ReportJson.Write(path, SampleReports.Backtest());
        using var client = factory.Authorized();

        using var response = await client.GetAsync("/api/reports/read-me.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(File.ReadAllText(path), await response.Content.ReadAsStringAsync());
        var report = JsonSerializer.Deserialize<BacktestReport>(await response.Content.ReadAsStringAsync(), ReportJson.Options)!;
        Assert.Equal(SampleReports.Backtest().LedgerHash, report.LedgerHash);
    }

    [Fact]
    public async Task A_report_whose_name_holds_two_dots_is_listed_and_read_like_any_other()
    {
        ReportJson.Write(Path.Combine(ReportsDir, "run..2.json"), SampleReports.Backtest());
        using var client = factory.Authorized();

        Assert.Equal("backtest", (await EntryAsync("run..2.json")).GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/reports/run..2.json")).StatusCode);
    }

    [Fact]
    public async Task A_report_not_in_the_folder_is_404_problem_details()
    {
        using var client = factory.Authorized();

        var problem = await JsonAsync(await client.GetAsync("/api/reports/never-written.json"), HttpStatusCode.NotFound);

        Assert.Contains("never-written.json", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("..%2Fsecret.json")]
    [InlineData("%2E%2E%2Fsecret.json")]
    [InlineData("..%5Csecret.json")]
    [InlineData(".hidden.json")]
    [InlineData("secret.txt")]
    [InlineData("report.json.bak")]
    [InlineData("%20padded.json")]
    public async Task A_name_that_could_leave_the_reports_folder_is_refused_naming_it(string name)
    {
        // A real report beside the folder: a name that escaped would find it.
        ReportJson.Write(Path.Combine(factory.DataDir, "secret.json"), SampleReports.Backtest() with { LedgerHash = "outside-the-folder" });
        File.WriteAllText(Path.Combine(ReportsDir, ".hidden.json"), "{}");
        using var client = factory.Authorized();

        using var response = await client.GetAsync($"/api/reports/{name}");

        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("outside-the-folder", body);
        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _), body);
    }

    [Fact]
    public async Task A_path_with_dot_segments_never_reaches_a_file_outside_the_folder()
    {
        ReportJson.Write(Path.Combine(factory.DataDir, "secret.json"), SampleReports.Backtest() with { LedgerHash = "outside-the-folder" });
        using var client = factory.Authorized();

        foreach (var path in new[] { "/api/reports/../secret.json", "/api/reports/./../../secret.json", "/api/reports/..%2F..%2Fsecret.json",
            "/api/reports/%2E%2E%2Fsecret.json", $"/api/reports/{Uri.EscapeDataString(Path.Combine(factory.DataDir, "secret.json"))}" })
        {
            using var response = await client.GetAsync(path);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("outside-the-folder", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_reports_folder_is_created_when_missing()
    {
        await factory.StartedAsync(); // the class's host first: two hosts never start at once here
        using var factoryWithoutFolder = new ApiFactory();
        using var client = factoryWithoutFolder.Authorized();
        Assert.False(Directory.Exists(Path.Combine(factoryWithoutFolder.DataDir, "reports")));

        var list = await JsonAsync(await client.GetAsync("/api/reports"), HttpStatusCode.OK);

        Assert.Equal(0, list.GetArrayLength());
        Assert.True(Directory.Exists(Path.Combine(factoryWithoutFolder.DataDir, "reports")));
    }
}
