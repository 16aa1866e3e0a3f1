using System.Diagnostics;
using System.Globalization;

namespace Prometheus.Web.Engine;

/// <summary>One status line in the log every minute: state, regime, agents, equity, unrealized PnL, trades, births, deaths, cycle time, memory.</summary>
public sealed class EngineStatusLogger(EngineRuntime runtime, ILogger<EngineStatusLogger> logger, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(60);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                logger.LogInformation("{Status}", Line(runtime));
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    public static string Line(EngineRuntime runtime)
    {
        var s = runtime.Status;
        using var process = Process.GetCurrentProcess();
        return string.Create(CultureInfo.InvariantCulture,
            $"status state={s.State} risk={s.TradingState} regime={s.Regime} agents={s.AgentsAlive} dead={s.AgentsDead} equity={s.Equity:0.00} unrealized={s.UnrealizedPnl:0.00} trades={s.Trades} births={s.Births} deaths={s.Deaths} cycle={s.Cycle} cycleMs={s.CycleMilliseconds:0.00} memoryMb={process.WorkingSet64 / 1048576.0:0}");
    }
}
