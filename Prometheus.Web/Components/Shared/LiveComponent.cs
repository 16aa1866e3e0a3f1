using Microsoft.AspNetCore.Components;
using Prometheus.Web.Dashboard;

namespace Prometheus.Web.Components.Shared;

/// <summary>
/// A component the engine's events keep current (the eShop/Aspire pattern): it subscribes once the circuit is live
/// (OnAfterRenderAsync, first render: never during prerender), applies each batch on its own dispatcher through
/// InvokeAsync and re-renders only when <see cref="Apply"/> says the batch matters to it; it unsubscribes on dispose.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private IDisposable? _subscription;

    [Inject]
    protected EngineEvents Events { get; set; } = default!;

    /// <summary>True once the circuit runs (set before the first batch): markup can show it for tests and people.</summary>
    protected bool IsLive { get; private set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            IsLive = true;
            _subscription = Events.Subscribe(update => InvokeAsync(async () =>
            {
                if (await ApplyAsync(update)) StateHasChanged();
            }));
            await OnLiveAsync();
            StateHasChanged();
        }
    }

    /// <summary>Called once the circuit runs, after the subscription (load what prerendering could skip).</summary>
    protected virtual Task OnLiveAsync() => Task.CompletedTask;

    /// <summary>Takes a batch in; true to re-render.</summary>
    protected virtual Task<bool> ApplyAsync(DashboardUpdate update) => Task.FromResult(Apply(update));

    protected virtual bool Apply(DashboardUpdate update) => update.StatusChanged;

    public virtual void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
