namespace Prometheus.Web.Observability;

/// <summary>Something that watches the running engine (metrics, alerts): attached once, when the engine has started.</summary>
public interface IEngineWatcher
{
    void Attach(EngineHooks hooks);
}
