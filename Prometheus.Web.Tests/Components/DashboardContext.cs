using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus.Engine.Configuration;
using Prometheus.Engine.Market;
using Prometheus.Engine.Supervision;
using Prometheus.Web.Api;
using Prometheus.Web.Dashboard;
using Prometheus.Web.Engine;
using Prometheus.Web.Observability;
using Prometheus.Web.Observability.Alerts;
using MudBlazor;
using MudBlazor.Services;

namespace Prometheus.Web.Tests.Components;

/// <summary>
/// bUnit with the dashboard's services as the host registers them: the real <see cref="EngineEvents"/> (batches are played
/// to the components through <see cref="Deliver"/>, as the pump does), a runtime with no engine attached, fakes for
/// reconciliation, and a fixed antiforgery token so forms render as they do in a browser.
/// </summary>
public abstract class DashboardContext : BunitContext, IAsyncLifetime
{
    private IRenderedComponent<MudDialogProvider>? _dialogs;

    public const string AntiforgeryValue = "test-antiforgery-token";

    protected DashboardContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Runtime = new EngineRuntime();
        Events = new EngineEvents(Runtime, TimeProvider.System, NullLogger<EngineEvents>.Instance);
        Services.AddSingleton(Runtime);
        Services.AddSingleton(Events);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(new EngineOptions());
        Services.AddSingleton(new ControlOutcomes(TimeProvider.System));
        Services.AddSingleton(Desk);
        Services.AddSingleton<IOrphanDesk>(Desk);
        Services.AddSingleton<IRecoveryDecisions>(Desk);
        Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());
        Services.AddSingleton(AlertHistory);
        // Made at the first render, from the settings a test has put in AlertSettings by then.
        Services.AddSingleton(_ => new AlertQueue(Microsoft.Extensions.Options.Options.Create(AlertSettings), AlertHistory,
            new SecretScrubber(AlertSettings.Secrets()), TimeProvider.System, new EngineMetrics(Runtime, TimeProvider.System)));
        Services.AddSingleton(Reports);
        Services.AddSingleton(new Prometheus.Web.Reports.BacktestJobs(Reports, new EngineOptions(),
            Microsoft.Extensions.Options.Options.Create(new Prometheus.Web.Configuration.PaperOptions()), Runtime, TimeProvider.System,
            NullLogger<Prometheus.Web.Reports.BacktestJobs>.Instance));
        Services.AddMudServices();
        // As on the circuit: the components render interactively (the prerendered variant is covered by ControlEndpointTests).
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    /// <summary>
    /// Where MudBlazor shows dialogs (the layout holds one in the app): a confirm dialog's form is found here. Rendered
    /// before the click that opens a dialog.
    /// </summary>
    protected IRenderedComponent<MudDialogProvider> Dialogs() => _dialogs ??= Render<MudDialogProvider>();

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are disposed asynchronously only; xUnit calls this before Dispose, which then has nothing left to do.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    protected EngineRuntime Runtime { get; }
    protected EngineEvents Events { get; }
    protected FakeReconciliation Desk { get; } = new();
    protected AlertOptions AlertSettings { get; } = new();
    protected AlertHistory AlertHistory { get; } = new();
    /// <summary>The Research page's reports folder: a fresh temp folder, not created until a test or the page writes it.</summary>
    protected Prometheus.Web.Reports.ReportsFolder Reports { get; } = new(Path.Combine(TempFolder.Create(), "reports"));

    /// <summary>Plays one batch to every subscribed component, on the renderer's dispatcher.</summary>
    protected void Deliver(DashboardUpdate update) => Renderer.Dispatcher.InvokeAsync(() => Events.Deliver(update)).GetAwaiter().GetResult();

    protected static EngineStatus Status(EngineState state, string tradingState = "Active", string reason = "") =>
        EngineStatus.Initial("paper") with { State = state, StateReason = reason, TradingState = tradingState, Cycle = 10, Equity = 100_000m, MarketTimeMs = 1_700_000_000_000 };

    protected static DashboardUpdate Update(EngineStatus status, LiveSnapshot? snapshot = null) =>
        new(status, true, [], 0, [], [], [], null, [], snapshot, null);

    protected static LiveSnapshot Snapshot(params AgentSummary[] agents) => new(10, agents, 100_000m, 0m, 0m, 100_000m, "Active", "");

    protected static AgentSummary Agent(int id, int rank, decimal capital, decimal pnl, decimal winRate, int trades, double fitness) =>
        new(id, $"Agent-{id}", "Alive", "Mature", "BTC-USDT", 0, capital, capital + pnl, pnl, winRate, trades, rank, fitness,
            new Dictionary<string, double>(), []);

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new(AntiforgeryValue, "__RequestVerificationToken");
    }
}

/// <summary>Orphans and decisions as the reconciler will serve them; records what a person asked for.</summary>
public sealed class FakeReconciliation : IOrphanDesk, IRecoveryDecisions
{
    public List<OrphanView> Orphans { get; } = [];
    public List<string> Calls { get; } = [];
    public bool Available { get; set; } = true;

    public Task<IReadOnlyList<OrphanView>> ListAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<OrphanView>>(Orphans);

    public Task<DeskResult> AdoptAsync(string orphanId, int agentId, string actor, CancellationToken ct = default) =>
        Record($"adopt {orphanId} by {agentId}");

    public Task<DeskResult> CloseAsync(string orphanId, string actor, CancellationToken ct = default) => Record($"close {orphanId}");

    public Task<DeskResult> DismissAsync(string orphanId, string actor, CancellationToken ct = default) => Record($"dismiss {orphanId}");

    public IReadOnlyList<string> ChoicesFor(string kind) => kind == "DirectionMismatch" ? ["align-ledger", "close-exchange", "flatten-both"] : [];

    public Task<DeskResult> DecideAsync(string itemId, string choice, string actor, CancellationToken ct = default) => Record($"decide {itemId} {choice}");

    private Task<DeskResult> Record(string call)
    {
        Calls.Add(call);
        return Task.FromResult(DeskResult.Done(call));
    }
}
