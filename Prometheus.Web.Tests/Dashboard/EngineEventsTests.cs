using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Market;
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
    public async Task Hub_watchers_get_each_batch_as_news_comes_and_pages_the_batches_merged_at_most_every_period()
    {
        var clock = new Prometheus.Engine.Tests.ManualTimeProvider();
        var events = new EngineEvents(new EngineRuntime(), clock, NullLogger<EngineEvents>.Instance);
        var hub = new List<DashboardUpdate>();
        var pages = new List<DashboardUpdate>();
        using var hubWatch = events.SubscribeAsNewsComes(u => { hub.Add(u); return Task.CompletedTask; });
        using var pageWatch = events.Subscribe(u => { pages.Add(u); return Task.CompletedTask; });

        events.Post(Fill(1));
        events.Dispatch(await events.CollectAsync(CancellationToken.None));
        events.Post(Fill(2));
        events.Dispatch(await events.CollectAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromMilliseconds(100));
        events.Post(Fill(3));
        events.Dispatch(await events.CollectAsync(CancellationToken.None));

        Assert.Equal([[1], [2], [3]], hub.Select(u => u.Fills.Select(f => f.TradeId).ToArray()));
        Assert.Equal([1], Assert.Single(pages).Fills.Select(f => f.TradeId)); // the first batch at once, the rest owed

        clock.Advance(EngineEvents.Period);
        events.Dispatch(await events.CollectAsync(CancellationToken.None)); // a tick without news pays what is owed

        Assert.Equal([1, 2, 3], hub.SelectMany(u => u.Fills).Select(f => f.TradeId));
        Assert.Equal(2, pages.Count);
        Assert.Equal([2, 3], pages[1].Fills.Select(f => f.TradeId));
    }

    [Fact]
    public async Task A_state_change_reaches_the_pages_at_once_with_the_fills_owed_before_it()
    {
        var clock = new Prometheus.Engine.Tests.ManualTimeProvider();
        var events = new EngineEvents(new EngineRuntime(), clock, NullLogger<EngineEvents>.Instance);
        var pages = new List<DashboardUpdate>();
        using var pageWatch = events.Subscribe(u => { pages.Add(u); return Task.CompletedTask; });
        events.Post(Fill(1));
        events.Dispatch(await events.CollectAsync(CancellationToken.None));
        events.Post(Fill(2));
        events.Dispatch(await events.CollectAsync(CancellationToken.None));

        events.Post(new StateChange(EngineState.Paused, "paused by a person", DateTimeOffset.UnixEpoch));
        events.Dispatch(await events.CollectAsync(CancellationToken.None));

        Assert.Equal(2, pages.Count);
        Assert.Equal([2], pages[1].Fills.Select(f => f.TradeId));
        Assert.Equal(EngineState.Paused, Assert.Single(pages[1].States).State);
    }

    [Fact]
    public void Merged_batches_keep_every_event_and_cap_the_fills()
    {
        var status = new EngineRuntime().Status;
        DashboardUpdate Batch(int from, int count, MarketRegime? fromRegime = null, MarketRegime? toRegime = null) => new(
            status, false, [.. Enumerable.Range(from, count).Select(i => Fill(i))], 1, [], [], [],
            fromRegime is { } f && toRegime is { } t ? new RegimeChange(f, t, from) : null, [], null, null);

        var merged = Batch(1, 40, MarketRegime.Sideways, MarketRegime.WeakBull).Then(Batch(41, 40, MarketRegime.WeakBull, MarketRegime.StrongBull));

        Assert.Equal(EngineEvents.MaxFillsPerUpdate, merged.Fills.Count);
        Assert.Equal(1, merged.Fills[0].TradeId);
        Assert.Equal(1 + 1 + 30, merged.FillsNotShown);
        Assert.Equal((MarketRegime.Sideways, MarketRegime.StrongBull), (merged.Regime!.From, merged.Regime.To));
        Assert.Null(Batch(1, 1, MarketRegime.Sideways, MarketRegime.WeakBull).Then(Batch(2, 1, MarketRegime.WeakBull, MarketRegime.Sideways)).Regime);
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
