using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Recovery;
using Prometheus.Engine.Supervision;

namespace Prometheus.Web.Observability;

/// <summary>
/// The engine's notification points a watcher subscribes to, handed over once by the engine service before the loop's
/// first cycle. Every engine event is raised on the loop's thread (the gateway's on its sockets' threads): a handler
/// only counts or makes one non-blocking write, never waits.
/// </summary>
/// <param name="Gateway">The OKX gateway when trading on OKX (its sockets reconnect and drop); null on the embedded exchange.</param>
public sealed record EngineHooks(Supervisor Supervisor, TradingLoop Loop, ReconciliationCoordinator Reconciliation, OkxExchange? Gateway);
