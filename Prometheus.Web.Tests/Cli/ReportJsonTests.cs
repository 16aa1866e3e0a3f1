using System.Text.Json;
using Prometheus.Engine.Backtest;
using Prometheus.Web.Cli;

namespace Prometheus.Web.Tests.Cli;

public sealed class ReportJsonTests
{
    [Fact]
    public void Reports_are_camel_case_indented_and_keep_NaN()
    {
        var json = ReportJson.Serialize(SampleReports.Backtest(SampleReports.Best()));

        Assert.Contains("\n  \"agentBarsPerSecond\": 1234567.8", json);
        Assert.Contains("\"buyHoldMaxDrawdown\": 0.302", json);
        Assert.Contains("\"outOfSample\": {", json);
        Assert.Contains("\"sharpe\": \"NaN\"", json);
        Assert.Contains("\"rsiBuy\": 28.5", json);
    }

    [Fact]
    public void A_written_report_reads_back_equal()
    {
        var path = Path.Combine(TempFolder.Create(), "report.json");
        var report = SampleReports.Bench();

        ReportJson.Write(path, report);

        Assert.Equal(report, JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(path), ReportJson.Options));
    }
}
