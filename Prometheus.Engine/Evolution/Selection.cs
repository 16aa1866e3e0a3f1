using Prometheus.Engine.Agents;

namespace Prometheus.Engine.Evolution;

public static class Selection
{
    /// <summary>Tournament selection: the fittest of <paramref name="size"/> agents drawn at random (ties by id).</summary>
    public static Agent Tournament(IReadOnlyList<Agent> candidates, int size, Random random)
    {
        if (candidates.Count == 0) throw new ArgumentException("No candidates to select from.", nameof(candidates));
        Agent best = candidates[random.Next(candidates.Count)];
        for (var i = 1; i < size; i++)
        {
            var challenger = candidates[random.Next(candidates.Count)];
            if (challenger.Fitness > best.Fitness || (challenger.Fitness == best.Fitness && challenger.Id < best.Id))
                best = challenger;
        }
        return best;
    }
}
