namespace Prometheus.Web.ExchangeSim;

/// <summary>Publishes the replay's bars as they come due (Prometheus:Sim:Speed); idle when Speed is 0.</summary>
public sealed class SimPacer(ExchangeSimServer sim, ILogger<SimPacer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (sim.Options.Speed <= 0)
            return;
        logger.LogInformation("Replaying {Bar} candles at {Speed}x real time from {Start}", sim.Market.BarName, sim.Options.Speed,
            DateTimeOffset.FromUnixTimeMilliseconds(sim.Market.Last.TimestampMs));
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(sim.Market.Interval.TotalMilliseconds / sim.Options.Speed / 4, 10, 1000));
        using var timer = new PeriodicTimer(tick, sim.Time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            sim.PublishDueBars();
    }
}
