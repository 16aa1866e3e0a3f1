using Prometheus.Engine.Ledger;

namespace Prometheus.Engine.Tests.Persistence;

/// <summary>Why a position was closed is booked with the closing fill and reads the same after a restart.</summary>
public class ExitReasonStoreTests
{
    private static bool ClosedBy(Engine.Supervision.Supervisor s, TradeOrigin origin) =>
        s.Ledger.Records.Any(r => r.Origin == origin && r.Side.IsClosing());

    [Fact]
    public async Task A_stop_loss_exit_is_recorded_as_stop_loss_apart_from_signal_exits_and_survives_restart()
    {
        using var s = new StoreScenario();
        await s.RunUntilAsync(sup => ClosedBy(sup, TradeOrigin.StopLoss) && ClosedBy(sup, TradeOrigin.Decision));
        await s.StopAsync();
        var booked = s.Supervisor.Ledger.Records.ToList();

        using var reader = s.Reopen();
        var stored = reader.Load().Records;

        Assert.Equal(booked.Select(r => (r.TradeId, r.Origin)), stored.Select(r => (r.TradeId, r.Origin)));
        Assert.DoesNotContain(stored, r => r.Origin == TradeOrigin.RiskExit);
        Assert.Contains(stored, r => r.ExitReason() == "stopLoss");
        Assert.Contains(stored, r => r.ExitReason() == "signal");
        Assert.All(stored.Where(r => !r.Side.IsClosing()), r => Assert.Null(r.ExitReason()));
    }
}
