using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prometheus.Engine.Configuration;
using Prometheus.Web.Configuration;
using Prometheus.Web.Engine;
using Prometheus.Web.Reports;

namespace Prometheus.Web.Tests.Reports;

/// <summary>
/// The backtests the Research page starts, without a host: the host's stop cancels a run and nothing is written; a finished
/// run's report is named from the injected clock and never written over another file.
/// </summary>
public sealed class BacktestJobsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private static (BacktestJobs Jobs, ReportsFolder Folder) Jobs(TimeProvider time)
    {
        var folder = new ReportsFolder(Path.Combine(TempFolder.Create(), "reports"));
        var options = PrometheusOptionsExtensions.LoadEngineOptions(PrometheusConfiguration.Build(null));
        return (new BacktestJobs(folder, options, Options.Create(new PaperOptions()), new EngineRuntime(), time, NullLogger<BacktestJobs>.Instance), folder);
    }

    private static async Task<BacktestJobView> EndAsync(BacktestJobs jobs)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (jobs.Current.State == BacktestJobView.Running)
        {
            Assert.True(DateTime.UtcNow < deadline, "the backtest did not end in 120 s");
            await Task.Delay(50);
        }
        return jobs.Current;
    }

    [Fact]
    public async Task Stopping_the_host_cancels_a_running_backtest_and_writes_no_report()
    {
        var (jobs, folder) = Jobs(TimeProvider.System);
        // A year of 500 agents: far longer than the stop takes.
        var started = await jobs.StartBacktestAsync(new BacktestRequest(500, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), 1, null), "test");
        Assert.IsType<BacktestStart.Started>(started);

        await jobs.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        var ended = jobs.Current;
        Assert.Equal(BacktestJobView.Cancelled, ended.State);
        Assert.NotNull(ended.FinishedAt);
        Assert.Null(ended.ReportName);
        Assert.Empty(Directory.Exists(folder.Path) ? Directory.GetFiles(folder.Path) : []);
        Assert.IsType<BacktestStart.Busy>(await jobs.StartBacktestAsync(new BacktestRequest(null, null, null, null, null), "test"));
    }

    [Fact]
    public async Task A_finished_report_is_named_from_the_injected_clock_and_never_written_over_another_file()
    {
        var (jobs, folder) = Jobs(new StoppedClock(Noon));
        var request = new BacktestRequest(3, null, null, 5, null);

        Assert.IsType<BacktestStart.Started>(await jobs.StartBacktestAsync(request, "test"));
        var first = await EndAsync(jobs);
        Assert.IsType<BacktestStart.Started>(await jobs.StartBacktestAsync(request, "test"));
        var second = await EndAsync(jobs);

        Assert.Equal((BacktestJobView.Done, "backtest-20261205-120000-seed5.json"), (first.State, first.ReportName));
        Assert.Equal((BacktestJobView.Done, "backtest-20261205-120000-seed5-2.json"), (second.State, second.ReportName));
        Assert.Equal(Noon, first.StartedAt);
        Assert.Equal(["backtest-20261205-120000-seed5-2.json", "backtest-20261205-120000-seed5.json"],
            Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(folder.List(), r => Assert.Equal(ReportKind.Backtest, r.Kind));
    }

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
