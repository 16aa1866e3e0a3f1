using Prometheus.Engine.Backtest;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Market;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Tests.Supervision;

public class TradingLoopTests
{
    private sealed class RecordingSink : ICheckpointSink
    {
        public List<EngineSnapshot> Checkpoints { get; } = [];
        public List<EngineSnapshot> Snapshots { get; } = [];
        public int Flushes { get; private set; }
        public long? LastCheckpointAtMs { get; private set; }
        public void Checkpoint(EngineSnapshot checkpoint) { lock (Checkpoints) { Checkpoints.Add(checkpoint); LastCheckpointAtMs = checkpoint.TakenAtMs; } }
        public void Snapshot(EngineSnapshot snapshot) { lock (Snapshots) Snapshots.Add(snapshot); }
        public Task FlushAsync(CancellationToken ct = default) { Flushes++; return Task.CompletedTask; }
    }

    private sealed class Rig
    {
        public Rig(EngineState initial)
        {
            Scenario = new SupervisorScenario();
            var candles = CandleFileReader.Read(TestData.Path("btc-usdt-swap-15m-okx-20230101-20260418.csv.gz")).Take(20_000);
            var feed = new ReplayFeed(candles);
            var clock = new MarketClock(Scenario.Clock.GetUtcNow());
            Loop = new TradingLoop(Scenario.Supervisor, feed, bar =>
            {
                Scenario.Clock.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(bar.TimestampMs + 900_000));
                Scenario.Exchange.OnBar(TestInstruments.BtcUsdt.InstId, bar);
                Scenario.Exchange.OnBar(TestInstruments.BtcUsdtSwap.InstId, bar);
            }, clock, TimeProvider.System, barsPerSecond: 20_000, checkpointEveryCycles: 5,
                SnapshotSchedule.From(int.MaxValue, TimeSpan.FromMilliseconds(50), 0, DateTimeOffset.UtcNow), Sink, initial, "paper");
        }

        public SupervisorScenario Scenario { get; }
        public RecordingSink Sink { get; } = new();
        public TradingLoop Loop { get; }
        public int Trades => Scenario.Supervisor.Ledger.Records.Count;

        public async Task UntilAsync(Func<Task<bool>> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!await condition())
            {
                Assert.True(DateTime.UtcNow < deadline, "condition not reached in 30 s");
                await Task.Delay(5);
            }
        }
    }

    [Fact]
    public async Task Nothing_trades_before_a_person_confirms_and_trading_starts_after()
    {
        var rig = new Rig(EngineState.AwaitingConfirmation);
        using var stop = new CancellationTokenSource();
        var run = rig.Loop.RunAsync(stop.Token);

        await rig.UntilAsync(async () => await rig.Loop.QueryAsync(s => s.Cycle) > 3_000);
        Assert.Equal(0, await rig.Loop.QueryAsync(s => s.Ledger.Records.Count));
        Assert.Equal(0, await rig.Loop.QueryAsync(s => s.Journal.Written));
        Assert.Equal("confirm the recovery report first", await rig.Loop.ResumeAsync());

        Assert.Null(await rig.Loop.ConfirmAsync());
        Assert.Equal(EngineState.Running, rig.Loop.State);
        await rig.UntilAsync(async () => await rig.Loop.QueryAsync(s => s.Ledger.Records.Count) > 10);

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Pause_stops_new_orders_and_close_all_flattens_then_pauses()
    {
        var rig = new Rig(EngineState.Running);
        using var stop = new CancellationTokenSource();
        var run = rig.Loop.RunAsync(stop.Token);
        await rig.UntilAsync(async () => await rig.Loop.QueryAsync(s => s.Ledger.PrivateLedgers.Values.Any(l => l.OpenPositionCount > 0)));

        Assert.Null(await rig.Loop.PauseAsync());
        var written = await rig.Loop.QueryAsync(s => s.Journal.Written);
        var cycle = await rig.Loop.QueryAsync(s => s.Cycle);
        await rig.UntilAsync(async () => await rig.Loop.QueryAsync(s => s.Cycle) > cycle + 500);
        Assert.Equal(written, await rig.Loop.QueryAsync(s => s.Journal.Written));

        Assert.Null(await rig.Loop.ResumeAsync());
        Assert.Null(await rig.Loop.CloseAllAsync());
        Assert.Equal(EngineState.Paused, rig.Loop.State);
        Assert.True(await rig.Loop.QueryAsync(s => s.Ledger.PrivateLedgers.Values.All(l => l.OpenPositionCount == 0)));

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Checkpoints_come_every_few_cycles_snapshots_on_time_and_a_stop_flushes_a_last_checkpoint()
    {
        var rig = new Rig(EngineState.Running);
        using var stop = new CancellationTokenSource();
        var run = rig.Loop.RunAsync(stop.Token);
        await rig.UntilAsync(() => Task.FromResult(rig.Sink.Snapshots.Count >= 2 && rig.Sink.Checkpoints.Count >= 10));

        await stop.CancelAsync();
        await run;

        Assert.Equal(EngineState.Stopping, rig.Loop.State);
        Assert.Equal(1, rig.Sink.Flushes);
        Assert.All(rig.Sink.Checkpoints, c => Assert.True(c.IsPartial));
        Assert.All(rig.Sink.Snapshots, c => Assert.False(c.IsPartial));
        Assert.Equal(rig.Scenario.Supervisor.Cycle, rig.Sink.Checkpoints[^1].Supervisor.Cycle);
    }

    [Fact]
    public void The_replay_feed_resumes_after_a_bar_and_laps_forward_in_time()
    {
        var bars = Enumerable.Range(0, 10).Select(i => new Candle(i * 60_000L, 1, 1, 1, 1, 1)).ToList();
        var feed = new ReplayFeed(bars);
        feed.SeekAfter(4 * 60_000L);
        Assert.True(feed.TryNext(out var next));
        Assert.Equal(5 * 60_000L, next.TimestampMs);
        for (var i = 0; i < 4; i++) feed.TryNext(out next);
        Assert.Equal(9 * 60_000L, next.TimestampMs);
        feed.TryNext(out next);
        Assert.Equal(10 * 60_000L, next.TimestampMs); // the first bar again, one lap later
        Assert.Equal([10 * 60_000L], feed.History(1).Select(b => b.TimestampMs)); // the bar just delivered
    }
}

public class TradingLoopStopTests
{
    [Fact]
    public async Task After_a_stop_commands_are_refused_and_queries_fail_fast()
    {
        var s = new SupervisorScenario();
        var feed = new ReplayFeed(CandleFileReader.Read(TestData.Path("btc-usdt-swap-15m-okx-20230101-20260418.csv.gz")).Take(500));
        var loop = new TradingLoop(s.Supervisor, feed, _ => { }, new MarketClock(s.Clock.GetUtcNow()), TimeProvider.System, 1000, 5,
            SnapshotSchedule.From(1000, TimeSpan.FromHours(1), 0, DateTimeOffset.UtcNow), sink: null, EngineState.Running, "paper");
        using var stop = new CancellationTokenSource();
        var run = loop.RunAsync(stop.Token);
        await stop.CancelAsync();
        await run;

        Assert.Equal("the engine has stopped", await loop.PauseAsync());
        Assert.Equal("the engine has stopped", await loop.CloseAllAsync());
        await Assert.ThrowsAsync<EngineStoppedException>(() => loop.QueryAsync(x => x.Cycle));
    }
}
