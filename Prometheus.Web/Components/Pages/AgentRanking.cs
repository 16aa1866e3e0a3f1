using Prometheus.Web.Api;

namespace Prometheus.Web.Components.Pages;

/// <summary>The Agents page's columns a trader sorts by.</summary>
public enum RankingColumn { Rank, Capital, Equity, Pnl, WinRate, Trades, Fitness, Generation, Name }

/// <summary>
/// The ranking table's state: which column sorts, which way, and the rows in that order. Kept apart from the page so
/// the sort is tested without a browser. Ties fall back to the engine's rank, so the order never flickers.
/// </summary>
public sealed class AgentRanking
{
    public RankingColumn Column { get; private set; } = RankingColumn.Rank;
    public bool Descending { get; private set; }

    /// <summary>Clicking the sorted column flips the direction; another column starts with its natural direction
    /// (best first: highest PnL, capital, win rate..., but rank 1 first and names A to Z).</summary>
    public void SortBy(RankingColumn column)
    {
        if (column == Column)
        {
            Descending = !Descending;
            return;
        }
        Column = column;
        Descending = column is not (RankingColumn.Rank or RankingColumn.Name);
    }

    public IReadOnlyList<AgentSummary> Apply(IEnumerable<AgentSummary> agents)
    {
        Func<AgentSummary, IComparable> key = Column switch
        {
            RankingColumn.Capital => a => a.Capital,
            RankingColumn.Equity => a => a.Equity,
            RankingColumn.Pnl => a => a.Pnl,
            RankingColumn.WinRate => a => a.WinRate,
            RankingColumn.Trades => a => a.Trades,
            RankingColumn.Fitness => a => a.Fitness,
            RankingColumn.Generation => a => a.Generation,
            RankingColumn.Name => a => a.Name,
            _ => a => a.Rank ?? int.MaxValue,
        };
        var ordered = Descending ? agents.OrderByDescending(key) : agents.OrderBy(key);
        return [.. ordered.ThenBy(a => a.Rank ?? int.MaxValue).ThenBy(a => a.Id)];
    }

    /// <summary>aria-sort for a header.</summary>
    public string AriaSort(RankingColumn column) => column != Column ? "none" : Descending ? "descending" : "ascending";

    public string Arrow(RankingColumn column) => column != Column ? "" : Descending ? " ▼" : " ▲";
}
