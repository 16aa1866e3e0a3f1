using Microsoft.AspNetCore.Components;
using Prometheus.Web.Api;
using Prometheus.Web.Dashboard;
using Prometheus.Web.Engine;

namespace Prometheus.Web.Components.Pages;

/// <summary>One agent, alive or dead: read through a loop query (the detail) and the store (its trades).</summary>
public partial class AgentPage
{
    private const int PageSize = 25;
    private const int CurvePoints = 400;

    private AgentDetail? _detail;
    private bool _missing;
    private TradePage _history = new(0, 0, PageSize, []);
    private List<CurvePoint> _curve = [];
    private int _skip;
    private DateTimeOffset _refreshedAt;

    [Parameter] public int Id { get; set; }
    [Inject] private EngineRuntime Runtime { get; set; } = default!;
    [Inject] private TradeQueries Trades { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _skip = 0;
        await LoadAsync();
    }

    protected override async Task<bool> ApplyAsync(DashboardUpdate update)
    {
        var mine = update.Fills.Any(f => f.AgentId == Id) || update.Deaths.Any(d => d.Id == Id);
        // Positions and PnL move with the market: refresh every few seconds, at once after a fill of this agent.
        if (!mine && Time.GetUtcNow() - _refreshedAt < TimeSpan.FromSeconds(5)) return false;
        await LoadAsync();
        return true;
    }

    private async Task LoadAsync()
    {
        _refreshedAt = Time.GetUtcNow();
        if (Runtime.ReadModel is not { } model) return;
        _detail = EngineViews.Agent(model, Id);
        _missing = _detail is null;
        if (_detail is null) return;
        _history = await Trades.PageAsync(new TradeFilter(Id), _skip, PageSize);
        _curve = Curve(_detail.InitialCapital, await Trades.AgentHistoryAsync(Id));
    }

    private async Task PageAsync(int skip)
    {
        _skip = skip;
        _history = await Trades.PageAsync(new TradeFilter(Id), _skip, PageSize);
    }

    /// <summary>Realised equity after each fill, thinned to at most <see cref="CurvePoints"/> points (display only).</summary>
    internal static List<CurvePoint> Curve(decimal start, IReadOnlyList<Prometheus.Engine.Ledger.TradeRecord> trades)
    {
        var points = new List<CurvePoint>(Math.Min(trades.Count, CurvePoints) + 1);
        var equity = start;
        var step = Math.Max(1, trades.Count / CurvePoints);
        for (var i = 0; i < trades.Count; i++)
        {
            equity += trades[i].RealizedPnl - trades[i].Fee;
            if (i % step == 0 || i == trades.Count - 1)
                points.Add(new CurvePoint(DateTimeOffset.FromUnixTimeMilliseconds(trades[i].TimestampMs).UtcDateTime, equity));
        }
        return points;
    }

    internal sealed record CurvePoint(DateTime Time, decimal Equity);
}
