using Prometheus.Engine.Exchange;
using Prometheus.Engine.Configuration;
using Prometheus.Web.Engine.Commands;

namespace Prometheus.Web.Dashboard;

/// <summary>
/// The engine controls a signed-in person uses from the dashboard: each is a command through the same port as the JSON
/// API's (<see cref="IEngineCommands"/>, which validates, runs it on the loop and audits it, marked "(dashboard)");
/// here only the answer is put in the person's words. Orphans and decisions go through the reconciliation desks, whose
/// engine implementation sends to the same port.
/// </summary>
public sealed class DashboardControls(IEngineCommands commands, IOrphanDesk orphans, IRecoveryDecisions decisions, EngineOptions? options = null)
{
    public const string Via = "dashboard";

    public Task<DeskResult> ConfirmAsync(string actor) => SendAsync(new ConfirmRecovery(actor), "Recovery confirmed: trading resumed.");
    public Task<DeskResult> PauseAsync(string actor) => SendAsync(new PauseTrading(actor), "Trading paused. Fills still arrive and are booked.");
    public Task<DeskResult> ResumeAsync(string actor) => SendAsync(new ResumeTrading(actor), "Trading resumed.");
    public Task<DeskResult> CloseAllAsync(string actor) =>
        SendAsync(new CloseAll(actor), "Every position was sent to close at market; trading is paused.");

    public Task<DeskResult> InterveneAsync(string actor, bool on, decimal spotShare, decimal riskAppetite, string reason) =>
        SendAsync(new Intervene(actor, on, spotShare, riskAppetite, reason),
            on ? "The Mastermind now follows your allocation and risk appetite." : "The Mastermind decides alone again.");

    /// <summary>Clears the drawdown circuit breaker (and Reducing) with the person's reason; audited with both, done or refused.</summary>
    public Task<DeskResult> ResetRiskAsync(string actor, string reason) =>
        SendAsync(new ResetRisk(actor, reason), r => $"The circuit breaker was reset: trading is {r.Model!.Risk.State.State}.");

    /// <summary>Closes one agent's position at market with the person's reason, as POST /api/positions/close does (same checks, same audit).</summary>
    public Task<DeskResult> ClosePositionAsync(string actor, Api.PositionEndpoints.CloseRequest request)
    {
        if (request.Problem(options?.Instruments ?? InstrumentCatalog.Shipped) is { } problem) return Task.FromResult(DeskResult.Refused(Capitalize(problem.Error) + "."));
        var command = request.Command(actor);
        return SendAsync(command, _ => $"The position of {command.What} was sent to close at market.",
            notFound: $"There is no open position {command.What} (it may have closed already).");
    }

    public Task<DeskResult> DecideAsync(string actor, string itemId, string choice) => Worded(decisions.DecideAsync(itemId, choice, actor));

    public Task<DeskResult> AdoptAsync(string actor, string orphanId, int agentId) => Worded(orphans.AdoptAsync(orphanId, agentId, actor));

    public Task<DeskResult> CloseOrphanAsync(string actor, string orphanId) => Worded(orphans.CloseAsync(orphanId, actor));

    public Task<DeskResult> DismissOrphanAsync(string actor, string orphanId) => Worded(orphans.DismissAsync(orphanId, actor));

    private Task<DeskResult> SendAsync(EngineCommand command, string done) => SendAsync(command, _ => done);

    private async Task<DeskResult> SendAsync(EngineCommand command, Func<CommandResult, string> done, string? notFound = null)
    {
        var result = await commands.SendAsync(command with { Via = Via });
        return result.Outcome switch
        {
            CommandOutcome.Accepted => DeskResult.Done(done(result)),
            CommandOutcome.NotFound when notFound is not null => DeskResult.Refused(notFound),
            _ => DeskResult.Refused(Capitalize(result.Message) + "."),
        };
    }

    private static async Task<DeskResult> Worded(Task<DeskResult> act)
    {
        var result = await act;
        return result.Ok ? result : result with { Message = Capitalize(result.Message) + "." };
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
