using Prometheus.Engine.Agents;

namespace Prometheus.Engine.Evolution;

/// <summary>
/// The hall of the dead: every fallen agent with its record, and the heroes among them (the best by lifetime PnL),
/// whose genomes may seed new births.
/// </summary>
public sealed class Valhalla(int heroCapacity)
{
    private readonly List<FallenAgent> _fallen = [];
    private readonly List<FallenAgent> _heroes = [];

    public IReadOnlyList<FallenAgent> Fallen => _fallen;
    public IReadOnlyList<FallenAgent> Heroes => _heroes;
    public int Count => _fallen.Count;

    public void Admit(FallenAgent fallen)
    {
        _fallen.Add(fallen);
        if (heroCapacity == 0 || fallen.LifetimePnl <= 0m) return;
        _heroes.Add(fallen);
        _heroes.Sort((a, b) => b.LifetimePnl != a.LifetimePnl ? b.LifetimePnl.CompareTo(a.LifetimePnl) : a.Id.CompareTo(b.Id));
        if (_heroes.Count > heroCapacity)
            _heroes.RemoveAt(_heroes.Count - 1);
    }

    public IEnumerable<FallenAgent> ByReason(DeathReason reason) => _fallen.Where(f => f.Reason == reason);
}
