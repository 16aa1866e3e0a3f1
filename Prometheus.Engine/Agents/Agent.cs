using Prometheus.Engine.Exchange;

namespace Prometheus.Engine.Agents;

/// <summary>
/// A trading agent: heritable genome, temperament, mood, lifecycle and record. Its money lives in its private
/// ledger; this holds who it is and how it has fared. Changed only by the Supervisor's cycle.
/// </summary>
public sealed class Agent
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public required Genome Genome { get; init; }
    public required Personality Personality { get; init; }
    public required Instrument Instrument { get; init; }
    public required long BornAtMs { get; init; }
    public int Generation { get; init; }
    public IReadOnlyList<int> Parents { get; init; } = [];

    public EmotionalState Emotions { get; internal set; } = EmotionalState.Calm;
    public LifeStage Stage { get; internal set; } = LifeStage.Newborn;
    public long? DiedAtMs { get; internal set; }
    public DeathReason? DeathReason { get; internal set; }
    /// <summary>Set while the agent is dying: its positions are being closed before it enters Valhalla.</summary>
    public DeathReason? PendingDeath { get; internal set; }

    public int Trades { get; internal set; }
    public int RoundTrips { get; internal set; }
    public int Wins { get; internal set; }
    public int Losses { get; internal set; }
    public int ConsecutiveWins { get; internal set; }
    public int ConsecutiveLosses { get; internal set; }
    public int MaxConsecutiveWins { get; internal set; }
    public int MaxConsecutiveLosses { get; internal set; }
    public long TotalHoldingMs { get; internal set; }

    public long? LastStandSinceMs { get; internal set; }
    public int LastStandsSurvived { get; internal set; }
    public Medals Medals { get; internal set; }
    public double Fitness { get; internal set; }
    public Performance Performance { get; internal set; } = new();
    /// <summary>
    /// The Supervisor's count of tradable bars (indicators warm, trading on) when this agent was born: its age for culling
    /// is that count now less this (see <see cref="Supervision.Supervisor.TradableAge"/>).
    /// </summary>
    public long TradableBarsAtBirth { get; init; }

    /// <summary>
    /// What the last fitness was computed from, while flat (trades, funding records, daily samples, drawdown, capital given):
    /// a generation recomputes fitness only when one of them moved or a position is open. Not saved: a restored agent recomputes.
    /// </summary>
    internal (int Trades, int Funding, int Samples, decimal MaxDrawdown, decimal BaseCapital)? FlatFitnessInputs { get; set; }

    /// <summary>The capital of the last hourly review that found this agent flat and not in a last stand: unchanged since, nothing can change.</summary>
    internal decimal? FlatReviewedCapital { get; set; }

    public bool IsAlive => Stage != LifeStage.Dead;
    public bool InLastStand => LastStandSinceMs.HasValue;
    public bool CanShort => Instrument.Kind == InstrumentKind.Swap;
    public decimal WinRate => RoundTrips == 0 ? 0m : (decimal)Wins / RoundTrips;

    /// <summary>1 for a newcomer, one more for every medal, at most 5.</summary>
    public int TradingLevel => Math.Min(5, 1 + System.Numerics.BitOperations.PopCount((uint)Medals));

    public double DaysAlive(long nowMs) => ((DiedAtMs ?? nowMs) - BornAtMs) / 86_400_000.0;

    public override string ToString() => $"{Name} (#{Id}, {Stage}, {Instrument.InstId})";

    public AgentState Save() => new(Id, Name, [.. Genome.Values], Personality, Emotions, Instrument.InstId, BornAtMs, Generation,
        [.. Parents], Stage, DiedAtMs, DeathReason, PendingDeath, Trades, RoundTrips, Wins, Losses, ConsecutiveWins,
        ConsecutiveLosses, MaxConsecutiveWins, MaxConsecutiveLosses, TotalHoldingMs, LastStandSinceMs, LastStandsSurvived,
        Medals, Fitness, Performance.Save(), TradableBarsAtBirth);

    public static Agent Restore(AgentState s, Exchange.InstrumentCatalog instruments) => new()
    {
        Id = s.Id,
        Name = s.Name,
        Genome = new Genome(s.Genome),
        Personality = s.Personality,
        Instrument = instruments.Get(s.InstId),
        BornAtMs = s.BornAtMs,
        Generation = s.Generation,
        Parents = [.. s.Parents],
        Emotions = s.Emotions,
        Stage = s.Stage,
        DiedAtMs = s.DiedAtMs,
        DeathReason = s.DeathReason,
        PendingDeath = s.PendingDeath,
        Trades = s.Trades,
        RoundTrips = s.RoundTrips,
        Wins = s.Wins,
        Losses = s.Losses,
        ConsecutiveWins = s.ConsecutiveWins,
        ConsecutiveLosses = s.ConsecutiveLosses,
        MaxConsecutiveWins = s.MaxConsecutiveWins,
        MaxConsecutiveLosses = s.MaxConsecutiveLosses,
        TotalHoldingMs = s.TotalHoldingMs,
        LastStandSinceMs = s.LastStandSinceMs,
        LastStandsSurvived = s.LastStandsSurvived,
        Medals = s.Medals,
        Fitness = s.Fitness,
        Performance = Performance.Restore(s.Performance),
        TradableBarsAtBirth = s.TradableBarsAtBirth,
    };
}
