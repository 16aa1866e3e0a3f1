using Microsoft.AspNetCore.Components;
using MudBlazor;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Web.Api;
using Prometheus.Web.Components.Shared;
using Prometheus.Web.Dashboard;

namespace Prometheus.Web.Components.Pages;

/// <summary>
/// The public ledger in a data grid paged and filtered by the store (off the loop: only the page shown is read), and the
/// candles with trade markers. The store serves the ledger newest first, so the grid does not sort.
/// </summary>
public partial class Trades
{
    private const int PageSize = 50;
    // Markers beyond this many trades in range are left out (the newest are kept); clustering keeps them readable.
    private const int MaxMarkerTrades = 20_000;
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(3);

    private static readonly int[] PageSizes = [25, 50, 100, 200];
    private MudDataGrid<TradeRecord>? _grid;
    private int _total, _pageIndex;
    private CandleChart? _candles;
    private DateTimeOffset _refreshedAt, _chartAt;
    private CandleRange _range = CandleRange.Week;
    private bool _markersCapped;

    [Inject] private TradeQueries Queries { get; set; } = default!;
    [Inject] private PaperCandles Candles { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private Prometheus.Engine.Configuration.EngineOptions Options { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "agent")] public int? AgentId { get; set; }
    public TradeSide? Side { get; set; }
    public string? InstId { get; set; }

    private TradeFilter Filter => new(AgentId is > 0 ? AgentId : null, Side, string.IsNullOrEmpty(InstId) ? null : InstId);

    private bool _chartDrawn;

    private long IntervalMs => Candles.IntervalMs;

    private string IntervalText => IntervalMs % 3_600_000 == 0 ? $"{IntervalMs / 3_600_000} h" : $"{IntervalMs / 60_000} m";

    /// <summary>The instrument the chart shows: the one the grid is filtered on, else the primary swap.</summary>
    private Instrument Charted => Options.Instruments.TryGet(InstId) ?? Candles.Primary;

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
        if (update.Fills.Count + update.FillsNotShown > 0 && _pageIndex == 0 && _grid is not null && now - _refreshedAt >= RefreshEvery)
        {
            await _grid.ReloadServerData();
            changed = true;
        }
        if (now - _chartAt >= ChartRefresh) await DrawChartAsync();
        return changed;
    }

    private async Task FilterAgentAsync(int? agentId)
    {
        AgentId = agentId;
        await FilterAsync();
    }

    private async Task FilterSideAsync(TradeSide? side)
    {
        Side = side;
        await FilterAsync();
    }

    private async Task FilterInstAsync(string? instId)
    {
        InstId = instId;
        await FilterAsync();
    }

    /// <summary>A new filter starts at the newest page.</summary>
    private async Task FilterAsync()
    {
        if (_grid is not null)
        {
            // Moving to the first page reloads it; on it already, reload.
            if (_grid.CurrentPage != 0) _grid.NavigateTo(MudBlazor.Page.First);
            else await _grid.ReloadServerData();
        }
        await DrawChartAsync();
    }

    private async Task<GridData<TradeRecord>> LoadPageAsync(GridState<TradeRecord> state, CancellationToken ct)
    {
        _refreshedAt = Time.GetUtcNow();
        _pageIndex = state.Page;
        var page = await Queries.PageAsync(Filter, state.Page * state.PageSize, state.PageSize, ct);
        _total = page.Total;
        return new GridData<TradeRecord> { Items = page.Items, TotalItems = page.Total };
    }

    /// <summary>A longer range sends more (about 1.5 MB for three months), so it is redrawn less often: 15 s a week of bars.</summary>
    private TimeSpan ChartRefresh => TimeSpan.FromSeconds(15 * Math.Max(1, _range.Bars(IntervalMs) / CandleRange.Week.Bars(IntervalMs)));

    private async Task ShowRangeAsync(CandleRange range)
    {
        _range = range;
        await DrawChartAsync(fit: true);
    }

    private async Task DrawChartAsync(bool fit = false)
    {
        _chartAt = Time.GetUtcNow();
        if (_candles is null) return;
        var shown = _range.Bars(IntervalMs);
        var charted = Charted;
        var bars = Candles.Before(charted, Events.Current.Status.MarketTimeMs, shown + CandleChartData.WarmupBars(Options.Market));
        if (bars.Count == 0) return;
        var from = bars[Math.Max(0, bars.Count - shown)].TimestampMs;
        var trades = await Queries.BetweenAsync(from, bars[^1].TimestampMs + IntervalMs - 1, Filter, MaxMarkerTrades);
        _markersCapped = trades.Count >= MaxMarkerTrades;
        // Markers of the instruments this series prices only (BTC spot and the BTC swap share one; ETH's fills are not on it).
        trades = [.. trades.Where(t => Options.Instruments.TryGet(t.InstId) is { } i && i.BaseCcy == charted.BaseCcy)];
        await _candles.SetAsync(CandleChartData.Build(bars, shown, trades, IntervalMs, Options.Market), fit);
    }
}
