using Microsoft.AspNetCore.Components;
using Prometheus.Engine.Ledger;
using Prometheus.Web.Api;
using Prometheus.Web.Components.Shared;
using Prometheus.Web.Dashboard;

namespace Prometheus.Web.Components.Pages;

/// <summary>The public ledger, filtered and paged from the store (off the loop), and the candles with trade markers.</summary>
public partial class Trades
{
    private const int PageSize = 50;
    private const int CandleCount = 300;
    private const long IntervalMs = 15 * 60_000;
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(3);

    private TradePage _page = new(0, 0, PageSize, []);
    private CandleChart? _candles;
    private DateTimeOffset _refreshedAt, _chartAt;

    [Inject] private TradeQueries Queries { get; set; } = default!;
    [Inject] private PaperCandles Candles { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "agent")] public int? AgentId { get; set; }
    public TradeSide? Side { get; set; }
    public string? InstId { get; set; }

    private TradeFilter Filter => new(AgentId is > 0 ? AgentId : null, Side, string.IsNullOrEmpty(InstId) ? null : InstId);

    protected override Task OnInitializedAsync() => PageAsync(0);

    private bool _chartDrawn;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        await base.OnAfterRenderAsync(firstRender);
        // The chart's element exists only after the first live render.
        if (_candles is not null && !_chartDrawn)
        {
            _chartDrawn = true;
            await DrawChartAsync();
        }
    }

    protected override async Task<bool> ApplyAsync(DashboardUpdate update)
    {
        var now = Time.GetUtcNow();
        var changed = false;
        // The newest page follows the ledger; an older page stays put while the person reads it.
        if (update.Fills.Count + update.FillsNotShown > 0 && _page.Skip == 0 && now - _refreshedAt >= RefreshEvery)
        {
            await PageAsync(0);
            changed = true;
        }
        if (now - _chartAt >= TimeSpan.FromSeconds(15)) await DrawChartAsync();
        return changed;
    }

    private async Task FilterAsync()
    {
        await PageAsync(0);
        await DrawChartAsync();
    }

    private async Task PageAsync(int skip)
    {
        _refreshedAt = Time.GetUtcNow();
        _page = await Queries.PageAsync(Filter, skip, PageSize);
    }

    private async Task DrawChartAsync()
    {
        _chartAt = Time.GetUtcNow();
        if (_candles is null) return;
        var bars = Candles.Before(Events.Current.Status.MarketTimeMs, CandleCount);
        if (bars.Count == 0) return;
        var trades = await Queries.BetweenAsync(bars[0].TimestampMs, bars[^1].TimestampMs + IntervalMs - 1, Filter, 300);
        await _candles.SetAsync(bars, trades, IntervalMs);
    }
}
