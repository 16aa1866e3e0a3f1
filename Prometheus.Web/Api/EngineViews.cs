using Prometheus.Engine.Exchange;
using Prometheus.Engine.Supervision;
using Prometheus.Engine.Supervision.ReadModel;

namespace Prometheus.Web.Api;

/// <summary>
/// Builds the API's views (Web's own DTOs, field names a contract) from the engine's published read model: any thread,
/// no call into the loop.
/// </summary>
public static class EngineViews
{
    public static StatusView Status(EngineStatus s) => new(
        s.State.ToString(), s.StateReason, s.Cycle, s.Equity, s.UnrealizedPnl, s.AgentsAlive, s.AgentsDead, s.Regime.ToString(), s.Trades,
        s.Births, s.Deaths, At(s.LastCheckpointAtMs), s.Mode, s.MarketTimeMs > 0 ? At(s.MarketTimeMs) : null, s.TradingState, s.CycleMilliseconds);

    public static IReadOnlyList<AgentSummary> Agents(EngineReadModel m) => [.. m.Ranked.Select(Summary)];

    public static AgentDetail? Agent(EngineReadModel m, int id)
    {
        if (!m.Agents.TryGetValue(id, out var a)) return null;
        return new AgentDetail(Summary(a), PersonalityView.From(a.Personality), EmotionsView.From(a.Emotions), At(a.BornAtMs), At(a.DiedAtMs),
            a.DeathReason, a.Parents, a.RoundTrips, a.Wins, a.Losses, a.ConsecutiveWins,
            a.ConsecutiveLosses, a.MaxConsecutiveWins, a.MaxConsecutiveLosses, At(a.LastStandSinceMs),
            a.LastStandsSurvived, a.TradingLevel, a.Medals, a.InitialCapital, a.Funded, a.RealizedPnl,
            a.FeesPaid, a.FundingPaid, a.MaxDrawdown);
    }

    public static ValhallaView Valhalla(EngineReadModel m) =>
        new(m.Valhalla.Count, [.. m.Valhalla.Heroes.Select(FallenView.From)], [.. m.Valhalla.Fallen.Select(FallenView.From)]);

    public static FillPage Fills(EngineReadModel m, int? agent, int skip, int take)
    {
        var page = Trades(m, agent, skip, take);
        return new FillPage(page.Total, page.Skip, page.Take, [.. page.Items.Select(FillView.From)]);
    }

    public static TradePage Trades(EngineReadModel m, int? agent, int skip, int take)
    {
        var records = m.Ledger.Of(agent);
        var page = new List<Prometheus.Engine.Ledger.TradeRecord>(Math.Min(take, records.Count));
        for (var i = records.Count - 1 - skip; i >= 0 && page.Count < take; i--)
            page.Add(records[i]);
        return new TradePage(records.Count, skip, take, page);
    }

    public static PositionView Position(PositionReading p) => new(p.InstId, p.Side.ToString(), p.Amount, p.AveragePrice, p.Margin,
        p.UnrealizedPnl, DateTimeOffset.FromUnixTimeMilliseconds(p.OpenedAtMs));

    private static AgentSummary Summary(AgentReading a) => new(a.Id, a.Name, a.State, a.Stage, a.InstId, a.Generation, a.Capital, a.Equity,
        a.Pnl, a.WinRate, a.Trades, a.Rank, a.Fitness, a.Genome, [.. a.Positions.Select(Position)]);

    private static DateTimeOffset? At(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
