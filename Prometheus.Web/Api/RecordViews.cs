using Prometheus.Engine.Agents;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Supervision;

namespace Prometheus.Web.Api;

// Web's own copies of engine records the API used to answer with directly. Field names and JSON are those the engine
// records had (a contract: scripts read them; a test compares both serializations), so the engine may change its records
// without changing the API.

/// <summary>A genome: its gene values in the genome's order.</summary>
public sealed record GenomeView(IReadOnlyList<double> Values)
{
    public static GenomeView From(Genome g) => new([.. g.Values]);
}

/// <summary>Temperament fixed at birth, each trait in [0, 1].</summary>
public sealed record PersonalityView(double Optimism, double Aggression, double RiskTolerance)
{
    public static PersonalityView From(Personality p) => new(p.Optimism, p.Aggression, p.RiskTolerance);
}

/// <summary>Mood, each value in [0, 1].</summary>
public sealed record EmotionsView(double Stress, double Confidence, double Fear, double Greed)
{
    public static EmotionsView From(EmotionalState e) => new(e.Stress, e.Confidence, e.Fear, e.Greed);
}

/// <summary>A fallen agent's record as it entered Valhalla (GET /api/valhalla). Achievements: the medals, by name.</summary>
public sealed record FallenView(
    int Id, string Name, int Generation, string InstId, long BornAtMs, long DiedAtMs, string Reason, decimal InitialCapital, decimal FinalCapital,
    decimal LifetimePnl, int Trades, int RoundTrips, decimal WinRate, int MaxConsecutiveLosses, double DaysAlive, double Fitness, GenomeView Genome,
    PersonalityView Personality, string Achievements, string LegacyTitle)
{
    public static FallenView From(FallenAgent f) => new(f.Id, f.Name, f.Generation, f.InstId, f.BornAtMs, f.DiedAtMs, f.Reason.ToString(),
        f.InitialCapital, f.FinalCapital, f.LifetimePnl, f.Trades, f.RoundTrips, f.WinRate, f.MaxConsecutiveLosses, f.DaysAlive, f.Fitness,
        GenomeView.From(f.Genome), PersonalityView.From(f.Personality), f.Achievements.ToString(), f.LegacyTitle);
}

/// <summary>One of the Mastermind's decisions (GET /api/mastermind).</summary>
public sealed record DecisionView(long TimestampMs, string Kind, int? AgentId, string? InstId, decimal Amount, decimal PoolAfter, string Reason)
{
    public static DecisionView From(AllocationDecision d) => new(d.TimestampMs, d.Kind, d.AgentId, d.InstId, d.Amount, d.PoolAfter, d.Reason);
}

/// <summary>GET /api/ledger/verify: the public ledger against the private ledgers and the exchange's fills.</summary>
public sealed record LedgerVerdictView(bool Consistent, int PublicRecords, int PrivateRecords, int? ExchangeFills, int Mismatched, int Duplicates,
    int Missing, int FundingRecords, int PrivateFundingRecords)
{
    public static LedgerVerdictView From(LedgerVerdict v) => new(v.Consistent, v.PublicRecords, v.PrivateRecords, v.ExchangeFills, v.Mismatched,
        v.Duplicates, v.Missing, v.FundingRecords, v.PrivateFundingRecords);
}
