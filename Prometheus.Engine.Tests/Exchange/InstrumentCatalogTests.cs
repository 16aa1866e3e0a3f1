using Prometheus.Engine.Agents;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Supervision;

namespace Prometheus.Engine.Tests.Exchange;

/// <summary>Instruments are data: the shipped catalog, configuration laid over it, and who trades what.</summary>
public class InstrumentCatalogTests
{
    [Fact]
    public void The_shipped_catalog_lists_btc_spot_and_the_three_usdt_swaps_with_okx_specs()
    {
        var catalog = InstrumentCatalog.Shipped;

        Assert.Equal(["okx:BTC-USDT", "okx:BTC-USDT-SWAP", "okx:ETH-USDT-SWAP", "okx:SOL-USDT-SWAP"], catalog.Select(i => i.Id));
        // The BTC swap as OKX's recorded public/instruments entry gives it (ctVal 0.01, lotSz 0.1, minSz 0.1, tickSz 0.1, lever 100).
        var swap = catalog.Get("BTC-USDT-SWAP");
        Assert.Equal((InstrumentKind.Swap, 0.01m, 0.1m, 0.1m, 0.1m, 100m), (swap.Kind, swap.ContractValue, swap.LotSize, swap.MinSize, swap.TickSize, swap.MaxLeverage));
        Assert.Same(swap, catalog.Get("okx:BTC-USDT-SWAP"));
        Assert.Equal((0.1m, "ETH"), (catalog.Get("ETH-USDT-SWAP").ContractValue, catalog.Get("ETH-USDT-SWAP").BaseCcy));
    }

    [Fact]
    public void An_unknown_instrument_is_refused_with_the_known_ones_named()
    {
        var error = Assert.Throws<ArgumentException>(() => InstrumentCatalog.Shipped.Get("DOGE-USDT-SWAP"));

        Assert.Contains("Unknown instrument 'DOGE-USDT-SWAP'", error.Message, StringComparison.Ordinal);
        Assert.Contains("okx:SOL-USDT-SWAP", error.Message, StringComparison.Ordinal);
        Assert.Null(InstrumentCatalog.Shipped.TryGet(null));
    }

    [Fact]
    public void Configured_specs_replace_a_shipped_one_by_id_and_add_new_ones_at_the_end()
    {
        var catalog = InstrumentCatalog.Shipped.With([Spec("okx:ETH-USDT-SWAP", takerFee: 0.0004m), Spec("okx:DOGE-USDT-SWAP")]);

        Assert.Equal(5, catalog.Count);
        Assert.Equal(0.0004m, catalog.Get("ETH-USDT-SWAP").TakerFeeRate);
        Assert.Equal("okx:DOGE-USDT-SWAP", catalog[^1].Id);
        Assert.Equal(0.0005m, InstrumentCatalog.Shipped.Get("ETH-USDT-SWAP").TakerFeeRate); // the shipped catalog is untouched
    }

    [Fact]
    public void A_symbol_listed_twice_is_refused()
    {
        var twice = InstrumentCatalog.Shipped.Get("BTC-USDT-SWAP");

        Assert.Contains("listed twice", Assert.Throws<ArgumentException>(() => new InstrumentCatalog([twice, twice])).Message, StringComparison.Ordinal);
        Assert.Contains("Two venues list BTC-USDT-SWAP", Assert.Throws<ArgumentException>(() =>
            new InstrumentCatalog([twice, twice with { Venue = "binance" }])).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("okx:BTC-USDT-SWAP", true)]
    [InlineData("BTC-USDT-SWAP", false)]
    [InlineData("okx:", false)]
    [InlineData("OKX:BTC-USDT", false)]
    [InlineData("okx:btc-usdt", false)]
    [InlineData("okx:BTC:USDT", false)]
    public void Ids_are_venue_colon_symbol(string id, bool valid) => Assert.Equal(valid, InstrumentCatalog.ParseId(id) is not null);

    [Fact]
    public void Every_bad_field_of_a_spec_is_named_by_its_key()
    {
        var errors = new InstrumentSpec { Id = "DOGE", Kind = InstrumentKind.Spot, BaseCcy = "DOGE", CtVal = 2m, LotSz = 0.1m, MinSz = 0.01m, TickSz = 0m,
            MaxLeverage = 1m, MakerFeeRate = 0.5m }.Validate("Prometheus:Instruments:4").ToList();

        Assert.Contains(errors, e => e.StartsWith("Prometheus:Instruments:4:Id must be venue:symbol", StringComparison.Ordinal));
        Assert.Contains("Prometheus:Instruments:4:QuoteCcy is required", errors);
        Assert.Contains(errors, e => e.StartsWith("Prometheus:Instruments:4:TickSz is required and must be above 0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Prometheus:Instruments:4:MakerFeeRate must be between", StringComparison.Ordinal));
        Assert.Contains("Prometheus:Instruments:4:TakerFeeRate is required", errors);
        Assert.Contains("Prometheus:Instruments:4: a spot instrument has CtVal 1 and MaxLeverage 1", errors);
        Assert.Contains("Prometheus:Instruments:4:MinSz must not be below LotSz", errors);
    }

    [Fact]
    public void Newborns_are_spread_over_the_traded_swaps_fewest_agents_first()
    {
        var btc = TestInstruments.BtcUsdtSwap;
        var eth = TestInstruments.EthUsdtSwap;
        var mastermind = new Mastermind(new MastermindOptions { SpotShare = 0m }, 10, [btc, eth]);
        var living = new List<Agent>();

        for (var id = 1; id <= 5; id++)
            living.Add(Newborn(id, mastermind.ChooseInstrument(living).Instrument));

        Assert.Equal([btc, eth, btc, eth, btc], living.Select(a => a.Instrument));
        Assert.True(mastermind.TryFundBirth(0, 6, mastermind.ChooseInstrument(living), out _));
        Assert.EndsWith("for a newborn on ETH-USDT-SWAP: 0 of 5 living on spot against a spot share of 0; 2 living on it, the fewest of the 2 swap instruments traded",
            mastermind.History.Last().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void With_no_spot_traded_a_spot_share_places_everyone_on_the_swaps()
    {
        var mastermind = new Mastermind(new MastermindOptions { SpotShare = 1m }, 10, [TestInstruments.EthUsdtSwap]);

        Assert.Equal(TestInstruments.EthUsdtSwap, mastermind.ChooseInstrument([]).Instrument);
    }

    private static Agent Newborn(int id, Instrument instrument) => new()
    {
        Id = id, Name = $"a{id}", Genome = Genome.Random(new Random(id)), Personality = Personality.Random(new Random(id)),
        Instrument = instrument, BornAtMs = 0,
    };

    private static InstrumentSpec Spec(string id, decimal takerFee = 0.0005m) => new()
    {
        Id = id, Kind = InstrumentKind.Swap, BaseCcy = id.Split(':')[1].Split('-')[0], QuoteCcy = "USDT", CtVal = 1000m, LotSz = 0.01m,
        MinSz = 0.01m, TickSz = 0.00001m, MaxLeverage = 50m, MakerFeeRate = 0.0002m, TakerFeeRate = takerFee, MaintenanceMarginRate = 0.01m,
    };
}
