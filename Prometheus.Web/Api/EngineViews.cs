using Prometheus.Engine.Agents;
using Prometheus.Engine.Supervision;

namespace Prometheus.Web.Api;

/// <summary>Builds the API's views from the Supervisor. Runs on the trading loop (through a query), never beside it.</summary>
public static class EngineViews
{
    public static StatusView Status(EngineStatus s) => new(
        s.State.ToString(), s.StateReason, s.Cycle, s.Equity, s.UnrealizedPnl, s.AgentsAlive, s.AgentsDead, s.Regime.ToString(), s.Trades,
        s.Births, s.Deaths, At(s.LastCheckpointAtMs), s.Mode, s.MarketTimeMs > 0 ? At(s.MarketTimeMs) : null, s.TradingState, s.CycleMilliseconds);

    public static IReadOnlyList<AgentSummary> Agents(Supervisor s)
    {
        var ranked = s.Rankings();
        return [.. ranked.Select((a, i) => Summary(s, a, i + 1))];
    }

    public static AgentDetail? Agent(Supervisor s, int id)
    {
        if (!s.Agents.TryGetValue(id, out var agent)) return null;
        int? rank = agent.IsAlive ? s.Rankings().ToList().FindIndex(a => a.Id == id) + 1 : null;
        var ledger = s.Ledger.Private(id);
        return new AgentDetail(Summary(s, agent, rank), agent.Personality, agent.Emotions, At(agent.BornAtMs), At(agent.DiedAtMs),
            agent.DeathReason?.ToString(), agent.Parents, agent.RoundTrips, agent.Wins, agent.Losses, agent.ConsecutiveWins,
            agent.ConsecutiveLosses, agent.MaxConsecutiveWins, agent.MaxConsecutiveLosses, At(agent.LastStandSinceMs),
            agent.LastStandsSurvived, agent.TradingLevel, MedalNames(agent.Medals), ledger.InitialCapital, ledger.Funded, ledger.RealizedPnl,
            ledger.FeesPaid, ledger.FundingPaid, agent.Performance.MaxDrawdown);
    }

    public static ValhallaView Valhalla(Supervisor s) =>
        new(s.Valhalla.Count, s.Valhalla.Heroes, [.. s.Valhalla.Fallen.Reverse()]);

    public static FillPage Fills(Supervisor s, int? agent, int skip, int take)
    {
        var page = Trades(s, agent, skip, take);
        return new FillPage(page.Total, page.Skip, page.Take, [.. page.Items.Select(FillView.From)]);
    }

    public static TradePage Trades(Supervisor s, int? agent, int skip, int take)
    {
        var records = agent is { } id
            ? (s.Ledger.PrivateLedgers.TryGetValue(id, out var ledger) ? ledger.History : [])
            : s.Ledger.Records;
        var page = new List<Prometheus.Engine.Ledger.TradeRecord>(Math.Min(take, records.Count));
        for (var i = records.Count - 1 - skip; i >= 0 && page.Count < take; i--)
            page.Add(records[i]);
        return new TradePage(records.Count, skip, take, page);
    }

    private static AgentSummary Summary(Supervisor s, Agent a, int? rank)
    {
        var ledger = s.Ledger.Private(a.Id);
        var marks = s.Marks;
        var genome = new Dictionary<string, double>(Genome.Genes.Count);
        for (var i = 0; i < Genome.Genes.Count; i++) genome[Genome.Genes[i].Name] = a.Genome[i];
        var state = !a.IsAlive ? "Dead" : a.PendingDeath is not null ? "Dying" : a.InLastStand ? "LastStand" : "Alive";
        return new AgentSummary(a.Id, a.Name, state, a.Stage.ToString(), a.Instrument.InstId, a.Generation, ledger.Capital, ledger.Equity(marks),
            ledger.Pnl(marks), a.WinRate, a.Trades, rank, a.Fitness, genome,
            [.. ledger.OpenPositions.Select(p => new PositionView(p.Instrument.InstId, p.Side.ToString(), p.Amount, p.AveragePrice, p.Margin,
                p.UnrealizedPnl(marks[p.Instrument]), DateTimeOffset.FromUnixTimeMilliseconds(p.OpenedAtMs)))]);
    }

    private static IReadOnlyList<string> MedalNames(Medals medals) =>
        [.. Enum.GetValues<Medals>().Where(m => m != Medals.None && medals.HasFlag(m)).Select(m => m.ToString())];

    private static DateTimeOffset? At(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
