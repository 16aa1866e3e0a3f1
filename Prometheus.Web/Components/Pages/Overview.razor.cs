using Microsoft.AspNetCore.Components;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Api;
using Prometheus.Web.Components.Shared;
using Prometheus.Web.Dashboard;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Components.Pages;

/// <summary>
/// What the user opens every day: the book's figures and its profit since the start (as GET /api/summary), the controls,
/// the equity curve from the store (as GET /api/equity) with a range, the agents' returns (AgentReturnsPanel), the profit by period (as GET /api/profit) and the
/// latest news.
/// </summary>
public partial class Overview
{
    private const string Total = "total";
    private const int FillsShown = 20;
    private static readonly TimeSpan BarsEvery = TimeSpan.FromSeconds(10);

    private readonly List<TradeRecord> _fills = [];
    private readonly List<AgentBirth> _births = [];
    private readonly List<FallenAgent> _deaths = [];
    private LineChart? _chart;
    private ProfitBarChart? _bars;
    private bool _barsShown;
    private long _fillsSeen, _notShown, _fillsVersion = 1, _lastTotalMs = long.MinValue;
    private SummaryView? _summary;
    private EquityRange _range = EquityRange.Everything;
    private CalendarPeriod _period = CalendarPeriod.Day;
    private DateTimeOffset _barsAt;

    [Inject] private EngineOptions Options { get; set; } = default!;
    [Inject] private EngineRuntime Runtime { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private EngineStatus Status { get; set; } = EngineStatus.Initial("paper");
    private LiveSnapshot? Snapshot { get; set; }
    private decimal Drawdown => Snapshot?.Drawdown ?? 0m;
    private decimal Breaker => Options.Risk.MaxDrawdownPercent;
    private IReadOnlyList<ChartSeries> InitialSeries { get; set; } = [];

    private string ControlsNote => Status.State switch
    {
        EngineState.Running => "Pause stops new trades; fills still arrive and are booked.",
        EngineState.Paused => "Paused: Resume lets the agents trade again.",
        EngineState.AwaitingConfirmation => "Confirm the recovery report first (Recovery page); Resume is for a pause.",
        EngineState.Blocked => "Blocked: decide the blocked items on the Recovery page.",
        _ => "",
    };

    protected override async Task OnInitializedAsync()
    {
        var state = Events.Current;
        Status = state.Status;
        Snapshot = state.Snapshot;
        _fills.AddRange(state.RecentFills.Take(FillsShown));
        _births.AddRange(state.RecentBirths);
        _deaths.AddRange(state.RecentDeaths);
        _fillsSeen = state.FillsSeen;
        _notShown = Events.FillsNotShown;
        await LoadSummaryAsync();
    }

    /// <summary>The chart is drawn once the circuit runs: its first points are the stored curve in the range.</summary>
    protected override async Task OnLiveAsync() =>
        InitialSeries = [new ChartSeries(Total, "Equity", "#4fc3f7", await TotalEquityAsync(_range), Primary: true)];

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        await base.OnAfterRenderAsync(firstRender);
        if (_bars is not null && !_barsShown)
        {
            _barsShown = true;
            await LoadBarsAsync();
        }
    }

    protected override async Task<bool> ApplyAsync(DashboardUpdate update)
    {
        Status = update.Status;
        if (update.Snapshot is not null) Snapshot = update.Snapshot;
        // A page that opened while a batch was owed to the pages already has its news from EngineEvents.Current: only
        // what is newer is added (trade ids grow; a fill listed twice would also break the table's keys).
        var newestShown = _fills.Count > 0 ? _fills[0].TradeId : long.MinValue;
        var fills = update.Fills.Where(f => f.TradeId > newestShown).ToList();
        if (fills.Count > 0)
        {
            _fills.InsertRange(0, Enumerable.Reverse(fills));
            if (_fills.Count > FillsShown) _fills.RemoveRange(FillsShown, _fills.Count - FillsShown);
            _fillsVersion++;
        }
        _fillsSeen += fills.Count + update.FillsNotShown;
        _notShown += update.FillsNotShown;
        _births.InsertRange(0, update.Births.Where(b => !_births.Any(shown => shown.AgentId == b.AgentId)).Reverse());
        _deaths.InsertRange(0, update.Deaths.Where(d => !_deaths.Any(shown => shown.Id == d.Id)).Reverse());
        if (_births.Count > 20) _births.RemoveRange(20, _births.Count - 20);
        if (_deaths.Count > 20) _deaths.RemoveRange(20, _deaths.Count - 20);

        if (_chart is not null && update.Equity is { } point && point.TimeMs >= _lastTotalMs)
        {
            _lastTotalMs = point.TimeMs;
            await _chart.AppendAsync(Total, point);
        }
        // The snapshot comes at most once a second (EngineEvents.SnapshotPeriod): the summary follows it.
        if (update.Snapshot is null) return update.HasNews;
        await LoadSummaryAsync();
        if (_bars is not null && Time.GetUtcNow() - _barsAt >= BarsEvery) await LoadBarsAsync();
        return true;
    }

    private async Task LoadSummaryAsync()
    {
        try { _summary = await Performance.SummaryAsync(Runtime) ?? _summary; }
        catch (EngineStoppedException) { }
    }

    private async Task LoadBarsAsync()
    {
        _barsAt = Time.GetUtcNow();
        List<ProfitView>? rows = null;
        try { rows = await Performance.ProfitAsync(Runtime, _period); }
        catch (EngineStoppedException) { }
        if (rows is not null && _bars is not null) await _bars.SetAsync(rows);
    }

    private async Task ShowPeriodAsync(CalendarPeriod period)
    {
        _period = period;
        await LoadBarsAsync();
    }

    private async Task ShowRangeAsync(EquityRange range)
    {
        _range = range;
        if (_chart is null) return;
        await _chart.SetAsync(new ChartSeries(Total, "Equity", "#4fc3f7", await TotalEquityAsync(range), Primary: true));
        await _chart.FitAsync();
    }

    /// <summary>
    /// The population's curve in the range: the store's points (written at each checkpoint, as GET /api/equity reads them),
    /// then the points this host saw since the last of them.
    /// </summary>
    private async Task<List<EquityPoint>> TotalEquityAsync(EquityRange range)
    {
        var from = range.FromMs(Status.MarketTimeMs > 0 ? Status.MarketTimeMs : Events.Current.Status.MarketTimeMs);
        var stored = await HistoryEndpoints.EquityAsync(Runtime, EquityMark.Population, from, long.MaxValue) ?? [];
        var points = stored.Select(p => new EquityPoint(p.TimeMs, p.Equity)).ToList();
        var last = points.Count > 0 ? points[^1].TimeMs : long.MinValue;
        points.AddRange(Events.Current.Equity.Where(p => p.TimeMs > last && p.TimeMs >= from));
        _lastTotalMs = points.Count > 0 ? points[^1].TimeMs : long.MinValue;
        return points;
    }
}
