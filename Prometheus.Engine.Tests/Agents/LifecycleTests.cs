using Prometheus.Engine.Agents;

namespace Prometheus.Engine.Tests.Agents;

public class LifecycleTests
{
    private static readonly AgentOptions Options = new() { LastStandThreshold = 0.5m, BankruptcyThreshold = 0.2m, LastStandHours = 72 };
    private const long Hour = 3_600_000;

    [Theory]
    [InlineData(0.0, LifeStage.Newborn)]
    [InlineData(3.0, LifeStage.Adolescent)]
    [InlineData(14.0, LifeStage.Mature)]
    [InlineData(90.0, LifeStage.Elder)]
    public void Stage_follows_age(double days, LifeStage stage) => Assert.Equal(stage, Lifecycle.StageAt(days, new AgentOptions()));

    [Fact]
    public void Falling_below_the_threshold_starts_a_last_stand()
    {
        var verdict = Lifecycle.Judge(equity: 490m, baseCapital: 1_000m, lastStandSinceMs: null, nowMs: 0, Options);
        Assert.Equal(StandingChange.LastStandStarted, verdict.Change);
    }

    [Fact]
    public void A_last_stand_that_runs_out_is_death()
    {
        Assert.Equal(StandingChange.None, Lifecycle.Judge(490m, 1_000m, 0, 71 * Hour, Options).Change);
        var verdict = Lifecycle.Judge(490m, 1_000m, 0, 72 * Hour, Options);
        Assert.Equal(StandingChange.Dies, verdict.Change);
        Assert.Equal(DeathReason.LastStandFailed, verdict.Reason);
    }

    [Fact]
    public void Recovering_wins_the_last_stand()
    {
        Assert.Equal(StandingChange.LastStandSurvived, Lifecycle.Judge(500m, 1_000m, 0, Hour, Options).Change);
    }

    [Fact]
    public void Below_the_bankruptcy_line_is_death_at_once()
    {
        var verdict = Lifecycle.Judge(199m, 1_000m, null, 0, Options);
        Assert.Equal(DeathReason.Bankrupt, verdict.Reason);
    }

    [Fact]
    public void Emotions_move_with_wins_and_losses_and_stay_bounded()
    {
        var mood = EmotionalState.Calm;
        for (var i = 0; i < 50; i++) mood = mood.AfterTrade(-0.05);
        Assert.True(mood.Stress > EmotionalState.Calm.Stress && mood.Fear > EmotionalState.Calm.Fear);
        Assert.InRange(mood.Stress, 0, 1);
        Assert.InRange(mood.Confidence, 0, 1);
        var after = mood.AfterTrade(0.05);
        Assert.True(after.Confidence > mood.Confidence && after.Stress < mood.Stress);
    }
}
