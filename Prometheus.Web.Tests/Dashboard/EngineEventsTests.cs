using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Dashboard;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Tests.Dashboard;

public sealed class EngineEventsTests
{
    private readonly EngineEvents _events = new(new EngineRuntime(), TimeProvider.System, NullLogger<EngineEvents>.Instance);

    private static TradeRecord Fill(long id) =>
        new(id, 1, "BTC-USDT", TradeSide.Buy, PositionSide.Long, 0.01m, 50_000m, 0.5m, $"o{id}", $"c{id}", $"t{id}", id, 0.5, 0m, TradeOrigin.Decision);

    [Fact]
    public async Task A_flood_of_fills_never_blocks_the_poster_and_reaches_watchers_as_one_bounded_batch()
    {
        const int flood = 200_000;
        // Nobody reads while the engine posts: a poster that could block would never finish (not merely be slow).
        var posting = Task.Run(() =>
        {
            for (var i = 1; i <= flood; i++) _events.Post(Fill(i));
        });
        Assert.True(await Task.WhenAny(posting, Task.Delay(TimeSpan.FromSeconds(60))) == posting, "posting blocked with nobody reading");

        var update = await _events.CollectAsync(CancellationToken.None);

        Assert.Equal(EngineEvents.MaxFillsPerUpdate, update.Fills.Count);
        Assert.Equal(flood - EngineEvents.MaxFillsPerUpdate, update.FillsNotShown);
        Assert.Equal(flood, _events.Current.FillsSeen);
        Assert.Equal(flood - EngineEvents.MaxFillsPerUpdate, _events.FillsNotShown);
    }

    [Fact]
    public async Task Batch_after_batch_the_kept_fills_stay_at_their_cap()
    {
        for (var round = 0; round < 20; round++)
        {
            for (var i = 1; i <= 1_000; i++) _events.Post(Fill(round * 1_000 + i));
            await _events.CollectAsync(CancellationToken.None);
        }

        Assert.Equal(200, _events.Current.RecentFills.Length);
        Assert.Equal(19_050, _events.Current.RecentFills[0].TradeId); // the newest shown: round 19's 50th
    }

    [Fact]
    public async Task The_inbox_keeps_the_newest_news_when_full()
    {
        for (var i = 1; i <= EngineEvents.InboxCapacity + 500; i++) _events.Post(Fill(i));

        var update = await _events.CollectAsync(CancellationToken.None);

        Assert.Equal(501, update.Fills[0].TradeId); // the 500 oldest fell off the inbox
        Assert.Equal(EngineEvents.InboxCapacity + 500 - EngineEvents.MaxFillsPerUpdate, update.FillsNotShown);
    }

    [Fact]
    public async Task Births_deaths_states_and_findings_arrive_in_the_next_batch()
    {
        _events.Post(new AgentBirth(7, "Rhea-7", "BTC-USDT", 1, [1, 2], 1_000));
        _events.Post(new StateChange(EngineState.Paused, "paused by a person", DateTimeOffset.UnixEpoch));
        _events.PublishFinding(new ReconciliationItem("r1", "Orphan", "orphan", null, "BTC-USDT-SWAP", PositionSide.Long, "1 ct", null, false));

        var update = await _events.CollectAsync(CancellationToken.None);

        Assert.Equal("Rhea-7", Assert.Single(update.Births).Name);
        Assert.Equal(EngineState.Paused, Assert.Single(update.States).State);
        Assert.Equal("r1", Assert.Single(update.Findings).Id);
        Assert.True(update.HasNews);
        Assert.Single(_events.Current.Findings);
    }

    [Fact]
    public async Task A_watcher_gets_batches_until_it_unsubscribes_and_a_failing_one_does_not_stop_the_others()
    {
        var received = 0;
        using var failing = _events.Subscribe(_ => throw new InvalidOperationException("boom"));
        var subscription = _events.Subscribe(_ => { received++; return Task.CompletedTask; });
        _events.Post(Fill(1));

        _events.Deliver(await _events.CollectAsync(CancellationToken.None));
        subscription.Dispose();
        _events.Deliver(await _events.CollectAsync(CancellationToken.None));

        Assert.Equal(1, received);
        Assert.Equal(1, _events.SubscriberCount);
    }
}
