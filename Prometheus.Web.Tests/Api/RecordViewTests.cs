using System.Text.Json;
using System.Text.Json.Serialization;
using Prometheus.Engine.Agents;
using Prometheus.Engine.Evolution;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Api;

namespace Prometheus.Web.Tests.Api;

/// <summary>
/// The API's own views of engine records answer with exactly the JSON the engine records gave (names, order, values),
/// so scripts reading /api/valhalla, /api/mastermind, /api/agents/{id} and /api/ledger/verify see no change.
/// </summary>
public class RecordViewTests
{
    // As the host answers: web defaults (camelCase) and enums by name.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static void Same<TRecord, TView>(TRecord record, TView view) =>
        Assert.Equal(JsonSerializer.Serialize(record, Json), JsonSerializer.Serialize(view, Json));

    [Fact]
    public void A_fallen_agent_reads_the_same()
    {
        var random = new Random(7);
        var medals = Enum.GetValues<Medals>().Where(m => m != Medals.None).Take(2).Aggregate(Medals.None, (a, m) => a | m);
        var fallen = new FallenAgent(12, "Ares-12", 3, "BTC-USDT-SWAP", 1_700_000_000_000, 1_700_086_400_000, Enum.GetValues<DeathReason>()[1],
            1_000m, 812.5m, -187.5m, 41, 20, 0.45m, 6, 1.0, 0.31, Genome.Random(random), Personality.Random(random), medals, "the stubborn");

        Same(fallen, FallenView.From(fallen));
        Same(fallen with { Achievements = Medals.None }, FallenView.From(fallen with { Achievements = Medals.None }));
    }

    [Fact]
    public void A_decision_personality_mood_and_ledger_verdict_read_the_same()
    {
        var decision = new AllocationDecision(1_700_000_000_000, "birth", 4, "BTC-USDT", 250m, 9_750m, "a founder");
        Same(decision, DecisionView.From(decision));
        var pool = decision with { AgentId = null, InstId = null };
        Same(pool, DecisionView.From(pool));
        var personality = new Personality(0.1, 0.2, 0.3);
        Same(personality, PersonalityView.From(personality));
        Same(EmotionalState.Calm, EmotionsView.From(EmotionalState.Calm));
        var verdict = new LedgerVerdict(true, 10, 10, null, 0, 0, 0, 3, 3);
        Same(verdict, LedgerVerdictView.From(verdict));
        Same(verdict with { ExchangeFills = 10, Consistent = false }, LedgerVerdictView.From(verdict with { ExchangeFills = 10, Consistent = false }));
    }
}
