using Microsoft.AspNetCore.Components;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Components.Shared;
using Prometheus.Web.Dashboard;

namespace Prometheus.Web.Components.Pages;

/// <summary>What the user opens every day: the book's figures, the controls, the equity curve and the latest news.</summary>
public partial class Overview
{
    private const string Total = "total";
    private const int FillsShown = 20;

    private readonly List<TradeRecord> _fills = [];
    private readonly List<AgentBirth> _births = [];
    private readonly List<FallenAgent> _deaths = [];
    private readonly HashSet<int> _agentLines = [];
    private LineChart? _chart;
    private bool _perAgent;
    private long _fillsSeen, _notShown, _fillsVersion = 1;

    [Inject] private EngineOptions Options { get; set; } = default!;

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

    protected override void OnInitialized()
    {
        var state = Events.Current;
        Status = state.Status;
        Snapshot = state.Snapshot;
        _fills.AddRange(state.RecentFills.Take(FillsShown));
        _births.AddRange(state.RecentBirths);
        _deaths.AddRange(state.RecentDeaths);
        _fillsSeen = state.FillsSeen;
        _notShown = Events.FillsNotShown;
        InitialSeries = [new ChartSeries(Total, "Equity", "#4fc3f7", state.Equity, Primary: true)];
    }

    protected override async Task<bool> ApplyAsync(DashboardUpdate update)
    {
        Status = update.Status;
        if (update.Snapshot is not null) Snapshot = update.Snapshot;
        if (update.Fills.Count > 0)
        {
            _fills.InsertRange(0, update.Fills.Reverse());
            if (_fills.Count > FillsShown) _fills.RemoveRange(FillsShown, _fills.Count - FillsShown);
            _fillsVersion++;
        }
        _fillsSeen += update.Fills.Count + update.FillsNotShown;
        _notShown += update.FillsNotShown;
        _births.InsertRange(0, update.Births.Reverse());
        _deaths.InsertRange(0, update.Deaths.Reverse());
        if (_births.Count > 20) _births.RemoveRange(20, _births.Count - 20);
        if (_deaths.Count > 20) _deaths.RemoveRange(20, _deaths.Count - 20);

        if (_chart is not null)
        {
            if (update.Equity is { } point) await _chart.AppendAsync(Total, point);
            if (_perAgent && update.Snapshot is { } snapshot) await UpdateAgentLinesAsync(snapshot, update.Deaths);
        }
        return update.HasNews;
    }

    private async Task TogglePerAgentAsync(ChangeEventArgs e)
    {
        _perAgent = e.Value is true;
        if (_chart is null) return;
        if (_perAgent && Snapshot is { } snapshot)
        {
            await UpdateAgentLinesAsync(snapshot, []);
        }
        else
        {
            foreach (var id in _agentLines) await _chart.RemoveAsync(AgentLine(id));
            _agentLines.Clear();
        }
    }

    private async Task UpdateAgentLinesAsync(LiveSnapshot snapshot, IReadOnlyList<FallenAgent> deaths)
    {
        foreach (var dead in deaths.Where(d => _agentLines.Remove(d.Id)))
            await _chart!.RemoveAsync(AgentLine(dead.Id));
        foreach (var agent in snapshot.Agents)
        {
            var points = Events.AgentEquity(agent.Id);
            if (points.Length == 0) continue;
            if (_agentLines.Add(agent.Id))
                await _chart!.SetAsync(new ChartSeries(AgentLine(agent.Id), agent.Name, ChartSeries.AgentColor(agent.Id), points, Width: 1));
            else
                await _chart!.AppendAsync(AgentLine(agent.Id), points[^1]);
        }
    }

    private static string AgentLine(int id) => "agent-" + id;
}
