namespace Prometheus.Engine.Risk;

/// <summary>Every denial, counted by reason, with the most recent kept for the dashboard (bounded).</summary>
public sealed class RiskLog(int capacity = 200)
{
    private readonly Dictionary<RiskDenialReason, int> _counts = [];
    private readonly Queue<RiskDenial> _recent = new();

    public IReadOnlyDictionary<RiskDenialReason, int> Counts => _counts;
    public IEnumerable<RiskDenial> Recent => _recent;
    public int Total { get; private set; }

    public RiskLogState Save() => new(Total, new Dictionary<RiskDenialReason, int>(_counts), [.. _recent]);

    public void Restore(RiskLogState state)
    {
        Total = state.Total;
        _counts.Clear();
        foreach (var (reason, count) in state.Counts) _counts[reason] = count;
        _recent.Clear();
        foreach (var d in state.Recent) _recent.Enqueue(d);
    }

    public void Record(RiskDenial denial)
    {
        Total++;
        _counts[denial.Reason] = _counts.GetValueOrDefault(denial.Reason) + 1;
        _recent.Enqueue(denial);
        while (_recent.Count > capacity) _recent.Dequeue();
    }
}

public sealed record RiskDenial(long TimestampMs, int AgentId, RiskDenialReason Reason, string Detail);

public sealed record RiskLogState(int Total, IReadOnlyDictionary<RiskDenialReason, int> Counts, IReadOnlyList<RiskDenial> Recent);
