using Microsoft.Extensions.DependencyInjection;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Engine;
using Prometheus.Web.Engine.Commands;
using Prometheus.Web.Tests.Api;

namespace Prometheus.Web.Tests.Engine;

/// <summary>
/// The command port on a running engine (the real host, a fast paper market): each command is checked before the engine
/// is asked, runs on the loop, answers with the model published after it, and leaves exactly one audit entry naming
/// who, what and where from; a message that is wrong leaves none.
/// </summary>
public sealed class EngineCommandPortTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<IEngineCommands> PortAsync()
    {
        await factory.StartedAsync();
        return factory.Services.GetRequiredService<IEngineCommands>();
    }

    private List<Prometheus.Engine.Persistence.Rows.AuditRow> Audit(string action)
    {
        using var reader = StoreReader.Open(factory.DataDir);
        return [.. reader.Audit(0, 1000).Where(a => a.Action == action)];
    }

    public static TheoryData<EngineCommand, string> Invalid => new()
    {
        { new ResetRisk("admin@test", "   "), "reason is required" },
        { new ResetRisk("admin@test", new string('x', Supervisor.MaxResetReasonLength + 1)), "reason is required" },
        { new ClosePosition("admin@test", 0, "BTC-USDT", PositionSide.Long, "why"), "agentId is required" },
        { new ClosePosition("admin@test", 1, "ETH-USDT", PositionSide.Long, "why"), "instId must be one of" },
        { new ClosePosition("admin@test", 1, "BTC-USDT", PositionSide.Long, " "), "reason is required" },
        { new DecideBlock("admin@test", "", "align-ledger"), "itemId is required" },
        { new DecideBlock("admin@test", "item", ""), "choice is required" },
        { new AdoptOrphan("admin@test", "", 3), "orphanId is required" },
        { new Intervene("admin@test", true, 0.5m, 1m, new string('r', 501)), "reason must be at most 500 characters" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task A_wrong_message_is_invalid_before_the_engine_is_asked_and_is_not_audited(EngineCommand command, string reason)
    {
        var port = await PortAsync();
        using (var reader = StoreReader.Open(factory.DataDir))
        {
            var audited = reader.Audit(0, 1000).Count;
            var result = await port.SendAsync(command);

            Assert.Equal(CommandOutcome.Invalid, result.Outcome);
            Assert.StartsWith(reason, result.Message);
            Assert.Null(result.Model);
            using var after = StoreReader.Open(factory.DataDir);
            Assert.Equal(audited, after.Audit(0, 1000).Count);
        }
    }

    [Fact]
    public async Task Pause_and_resume_are_in_the_answer_s_model_and_audited_once_with_where_from()
    {
        var port = await PortAsync();
        var before = Audit("pause").Count;

        var paused = await port.SendAsync(new PauseTrading("admin@test") { Via = "dashboard" });
        Assert.Equal(CommandOutcome.Accepted, paused.Outcome);
        Assert.Equal(EngineState.Paused, paused.Model!.Status.State);
        var entry = Assert.Single(Audit("pause").Skip(before));
        Assert.Equal("admin@test", entry.Actor);
        Assert.EndsWith("-> Paused (dashboard)", entry.Detail);

        var resumed = await port.SendAsync(new ResumeTrading("admin@test"));
        Assert.Equal(EngineState.Running, resumed.Model!.Status.State);
        Assert.Equal("Paused -> Running", Audit("resume").Last().Detail);
    }

    [Fact]
    public async Task A_command_the_state_refuses_is_refused_with_the_reason_and_audited_as_refused()
    {
        var port = await PortAsync();

        var result = await port.SendAsync(new ConfirmRecovery("admin@test"));

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.StartsWith("nothing to confirm", result.Message);
        Assert.StartsWith("refused in ", Audit("confirm").Last().Detail);
    }

    [Fact]
    public async Task Closing_a_position_no_agent_holds_is_not_found_and_audited()
    {
        var port = await PortAsync();

        var result = await port.SendAsync(new ClosePosition("admin@test", 9999, "BTC-USDT-SWAP", PositionSide.Short, "by hand"));

        Assert.Equal(CommandOutcome.NotFound, result.Outcome);
        Assert.Equal("no open position agent 9999 BTC-USDT-SWAP short", result.Message);
        Assert.Equal("refused, no position agent 9999 BTC-USDT-SWAP short: by hand", Audit(ClosePosition.ActionName).Last().Detail);
    }

    [Fact]
    public async Task An_orphan_action_the_coordinator_refuses_comes_back_with_its_reason_and_is_audited()
    {
        var port = await PortAsync();

        var result = await port.SendAsync(new DismissOrphan("admin@test", "no-such-orphan"));

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Equal("there is no orphan no-such-orphan", result.Message);
        Assert.Equal("no-such-orphan: refused: there is no orphan no-such-orphan", Audit("orphan-dismiss").Last().Detail);
    }

    [Fact]
    public async Task An_intervention_out_of_range_is_refused_and_one_in_range_shows_in_the_model()
    {
        var port = await PortAsync();

        var refused = await port.SendAsync(new Intervene("admin@test", true, 2m, 1m, "too much spot"));
        Assert.Equal(CommandOutcome.Refused, refused.Outcome);

        var taken = await port.SendAsync(new Intervene("admin@test", true, 0.25m, 0.5m, "calmer"));
        Assert.Equal(CommandOutcome.Accepted, taken.Outcome);
        Assert.True(taken.Model!.Mastermind.InterventionMode);
        Assert.Equal(0.25m, taken.Model.Mastermind.SpotShare);
        var handedBack = await port.SendAsync(new Intervene("admin@test", false, 0m, 1m, "done"));
        Assert.False(handedBack.Model!.Mastermind.InterventionMode);
        Assert.NotEmpty(Audit("intervention-ended"));
    }

    [Fact]
    public async Task A_risk_reset_with_nothing_to_reset_is_refused_and_audited_with_the_reason()
    {
        var port = await PortAsync();

        var result = await port.SendAsync(new ResetRisk("admin@test", "  just checking  "));

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.EndsWith("; reason: just checking", Audit(ResetRisk.ActionName).Last().Detail);
    }

    [Fact]
    public async Task Before_the_engine_starts_every_command_is_unavailable_and_nothing_is_audited()
    {
        var port = new EngineCommandPort(new EngineRuntime());

        foreach (var command in new EngineCommand[] { new PauseTrading("a"), new CloseAll("a"), new DismissOrphan("a", "o"), new ResetRisk("a", "why") })
        {
            var result = await port.SendAsync(command);
            Assert.Equal(CommandOutcome.Unavailable, result.Outcome);
            Assert.Equal("the engine is starting", result.Message);
        }
    }
}
