using Prometheus.Engine.Exchange;
using Prometheus.Engine.Ledger;
using Prometheus.Engine.Risk;

namespace Prometheus.Engine.Tests.Supervision;

/// <summary>
/// The notification points metrics and alerts hang on: every order sent is answered once (accepted, or rejected with
/// the exchange's code) with its round-trip time, every booked fill is timed before it is announced, and a change of
/// the risk state says whether the breaker is tripped.
/// </summary>
public class SupervisorObservationTests
{
    [Fact]
    public async Task Every_order_sent_is_answered_once_and_every_booked_fill_is_timed_before_it_is_announced()
    {
        var s = new SupervisorScenario();
        var sent = new List<string>();
        var answered = new List<(string ClOrdId, OrderAck? Ack, TimeSpan Elapsed)>();
        var timed = new List<long>();
        var announced = new List<long>();
        s.Supervisor.OrderSent += order => sent.Add(order.ClOrdId);
        s.Supervisor.OrderAnswered += (order, ack, elapsed) => answered.Add((order.ClOrdId, ack, elapsed));
        s.Supervisor.BookingTimed += (record, elapsed) =>
        {
            Assert.True(elapsed >= TimeSpan.Zero);
            timed.Add(record.TradeId);
        };
        s.Supervisor.TradeBooked += record =>
        {
            Assert.Contains(record.TradeId, timed); // timed first
            announced.Add(record.TradeId);
        };

        await s.StepUntilAsync(sup => sup.Ledger.Records.Count >= 10);

        Assert.Equal(sent, answered.Select(a => a.ClOrdId));
        Assert.All(answered, a => Assert.True(a.Ack is { Accepted: true } && a.Elapsed >= TimeSpan.Zero));
        Assert.Equal(s.Supervisor.Ledger.Records.Select(r => r.TradeId), announced);
        Assert.Equal(announced, timed);
    }

    [Fact]
    public async Task A_rejected_order_is_answered_with_the_exchange_code()
    {
        // The exchange account holds far less than the book believes: opening orders fail with 51008.
        var s = new SupervisorScenario(o => o.Simulated.InitialBalance = 1m);
        var rejects = new List<string>();
        s.Supervisor.OrderAnswered += (_, ack, _) => { if (ack is { Accepted: false }) rejects.Add(ack.Code); };

        await s.StepUntilAsync(sup => sup.ExchangeRejects >= 3, maxBars: 3_000);

        Assert.Equal(s.Supervisor.ExchangeRejects, rejects.Count);
        Assert.All(rejects, code => Assert.Equal("51008", code));
    }

    [Fact]
    public async Task A_tripped_breaker_is_announced_as_a_halt_with_the_breaker_tripped()
    {
        var s = new SupervisorScenario(o =>
        {
            o.Risk.MaxDrawdownPercent = 0.01m;
            o.Risk.ReducingDrawdownPercent = 0.005m;
            o.Mastermind.DeployedShare = 1m;
        });
        var changes = new List<(TradingState State, string Reason, bool Tripped)>();
        s.Supervisor.RiskStateChanged += (state, reason, tripped) => changes.Add((state, reason, tripped));

        await s.StepUntilAsync(sup => sup.SystemRisk.DrawdownBreakerTripped);

        var last = changes[^1];
        Assert.Equal((TradingState.Halted, true), (last.State, last.Tripped));
        Assert.Contains("circuit breaker", last.Reason);
        Assert.All(changes[..^1], c => Assert.False(c.Tripped));

        Assert.Null(s.Supervisor.ResetRisk("looked into it", "tester"));
        Assert.Equal((TradingState.Active, false), (changes[^1].State, changes[^1].Tripped));
        Assert.Contains("looked into it", changes[^1].Reason);
    }
}
