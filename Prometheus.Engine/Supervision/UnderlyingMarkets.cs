using Prometheus.Engine.Agents;
using Prometheus.Engine.Exchange;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Supervision;

/// <summary>
/// The market of each underlying the traded instruments price off — BTC for BTC-USDT and BTC-USDT-SWAP, ETH for
/// ETH-USDT-SWAP — with its own indicators and regime, updated once per bar from the bar of the first traded instrument
/// on it, and the signals every agent trading it reads. Underlying 0 is the first traded instrument's: the market the
/// dashboard and the reports show.
/// </summary>
internal sealed class UnderlyingMarkets
{
    private readonly MarketAnalyzer[] _analyzers;
    private readonly MarketSnapshot[] _snapshots;
    private readonly MarketSignals[] _signals;
    private readonly int[] _underlyingOfTraded;
    private readonly int[] _drivingTraded;
    private readonly string[] _coins;

    public UnderlyingMarkets(MarketOptions options, IReadOnlyList<Instrument> traded)
    {
        var coins = new List<string>();
        var driving = new List<int>();
        _underlyingOfTraded = new int[traded.Count];
        for (var t = 0; t < traded.Count; t++)
        {
            var u = coins.IndexOf(traded[t].BaseCcy);
            if (u < 0)
            {
                coins.Add(traded[t].BaseCcy);
                driving.Add(t);
                u = coins.Count - 1;
            }
            _underlyingOfTraded[t] = u;
        }
        if (coins.Count == 0) coins.Add(""); // no traded instrument: one market all the same (the indicators still run)
        if (driving.Count == 0) driving.Add(0);
        _coins = [.. coins];
        _drivingTraded = [.. driving];
        _analyzers = [.. _coins.Select(_ => new MarketAnalyzer(options))];
        _snapshots = new MarketSnapshot[_coins.Length];
        _signals = new MarketSignals[_coins.Length];
    }

    /// <summary>How many underlyings: 1 when every traded instrument prices off one coin.</summary>
    public int Count => _coins.Length;

    /// <summary>Underlying 0's market: what the dashboard and the reports show as the market.</summary>
    public MarketSnapshot Primary => _snapshots[0];

    public ref readonly MarketSnapshot Snapshot(int underlying) => ref _snapshots[underlying];

    public ref readonly MarketSignals Signals(int underlying) => ref _signals[underlying];

    /// <summary>Underlying <paramref name="underlying"/>'s coin (BaseCcy), and the traded instrument whose bars drive it (its index in the traded list).</summary>
    public (string Coin, int DrivingTraded) Coin(int underlying) => (_coins[underlying], _drivingTraded[underlying]);

    /// <summary>The underlying of traded instrument <paramref name="traded"/> (its index in the traded list).</summary>
    public int OfTraded(int traded) => _underlyingOfTraded[traded];

    /// <summary>The underlying <paramref name="instrument"/> prices off; one not traded (an agent restored onto an instrument no longer configured) reads underlying 0.</summary>
    public int Of(Instrument instrument)
    {
        if (_coins.Length == 1) return 0;
        for (var u = 0; u < _coins.Length; u++)
            if (string.Equals(_coins[u], instrument.BaseCcy, StringComparison.Ordinal)) return u;
        return 0;
    }

    /// <summary>A bar per traded instrument (in the traded order): each underlying moves by its driving instrument's bar.</summary>
    public void Update(IReadOnlyList<Candle> barsByTraded)
    {
        for (var u = 0; u < _analyzers.Length; u++)
        {
            _snapshots[u] = _analyzers[u].Update(barsByTraded[_drivingTraded[u]]);
            _signals[u] = MarketSignals.From(_snapshots[u]);
        }
    }

    /// <summary>Feeds one series' bar to every underlying's indicators (warm-up, and the one-series feeds of paper and live).</summary>
    public void WarmUp(in Candle bar)
    {
        for (var u = 0; u < _analyzers.Length; u++)
        {
            _snapshots[u] = _analyzers[u].Update(bar);
            _signals[u] = MarketSignals.From(_snapshots[u]);
        }
    }

    /// <summary>A restored engine shows the market it saved until the next bar moves it.</summary>
    public void Restore(in MarketSnapshot saved)
    {
        for (var u = 0; u < _snapshots.Length; u++) _snapshots[u] = saved;
    }
}
