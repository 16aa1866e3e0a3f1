using Prometheus.Engine.Exchange;
using Prometheus.Engine.Persistence;
using Prometheus.Engine.Recovery.Reconciliation;

namespace Prometheus.Engine.Tests.Persistence;

/// <summary>
/// Money written through EF Core (reconciliation's writes) reads back with the scale it was given, as the store's prepared
/// statements keep it: "1.50" stays "1.50", so a repaired record restores to the same ledger, bit for bit.
/// </summary>
public class MoneyScaleTests
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_orphan_and_a_repaired_trade_keep_their_money_s_scale(StoreProvider provider)
    {
        using var s = new StoreScenario(provider: provider);
        await s.RunUntilAsync(sup => sup.Ledger.Records.Count >= 3);
        var booked = s.Supervisor.Ledger.Records[1];
        var repaired = booked with { Amount = 0.0100m, Price = 30_000.50m, Fee = 0.120000m, RealizedPnl = -1.50m };
        s.Store.Repaired(repaired);
        var orphan = new OrphanRecord("orphan:scale", booked.InstId, PositionSide.Long, 1.50m, 30_000m, 0.000100m, "t1", "o1", "c1",
            booked.TimestampMs, "placed by hand", OrphanStatus.Open);
        s.Store.SaveOrphan(orphan, adoptedBy: null);
        await s.StopAsync();

        using var reader = s.Reopen();
        var read = reader.Trades().Single(t => t.TradeId == repaired.TradeId);
        Assert.Equal(["0.0100", "30000.50", "0.120000", "-1.50"],
            new[] { read.Amount, read.Price, read.Fee, read.RealizedPnl }.Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var (stored, _) = reader.Orphans().Single(o => o.Orphan.Id == orphan.Id);
        Assert.Equal(["1.50", "30000", "0.000100"],
            new[] { stored.Delta, stored.Price, stored.Fee }.Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
