using Prometheus.Engine.Backtest;
using Prometheus.Engine.Configuration;

namespace Prometheus.Engine.Tests.Backtest;

/// <summary>The bench's restart: a long journal behind the only snapshot is replayed whole; with the schedule's snapshots, only its tail.</summary>
public class RestartBenchTests
{
    [Fact]
    public void The_restart_bench_replays_the_whole_journal_and_with_scheduled_snapshots_only_the_tail()
    {
        var restart = RestartBench.Run(new EngineOptions(), journalEvents: 20_000, agents: 10, snapshotEveryCycles: 1_000);

        Assert.Equal(20_000, restart.JournalEvents);
        Assert.InRange(restart.TradeRecords, 4_500, 5_000); // one fill per cycle, four events a cycle and a checkpoint every five
        Assert.True(restart.Seconds > 0);
        var scheduled = restart.Scheduled;
        Assert.Equal(20_000, scheduled.RunEvents);
        Assert.Equal(restart.TradeRecords, scheduled.RunCycles);
        // The newest scheduled snapshot is at the last multiple of 1,000 cycles: at most 1,000 cycles of journal behind it.
        Assert.InRange(scheduled.ReplayedEvents, 1, 1_000 * 4.2 + 1);
    }
}
