using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Prometheus.Engine.Exchange.Okx.Wire;
using Prometheus.Engine.Market;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// Funding: the account's funding bills (GET /api/v5/account/bills, type 8; OKX keeps the last 7 days there) and the
/// swaps' settled rates (GET /api/v5/public/funding-rate-history), which give each bill its rate and, since real OKX
/// bills carry no posSide, its side (see <see cref="OkxMapper.ToFundingBill"/>). A settled rate never changes, so
/// each is fetched once and kept. A bill that cannot be read (malformed, or whose side cannot be told yet because
/// its rate is not published) is logged and skipped, never thrown: the Supervisor asks again at its next cycle.
/// </summary>
public sealed partial class OkxExchange
{
    private const int RateHistoryPageSize = 400;
    private const int RateHistoryPages = 5;
    private readonly ConcurrentDictionary<(string InstId, long FundingTimeMs), decimal> _settledRates = new();

    /// <summary>Funding bills with a funding time at or after <paramref name="sinceMs"/>, oldest first.</summary>
    public async ValueTask<IReadOnlyList<FundingBill>> GetFundingBillsAsync(string? instId = null, long? sinceMs = null, CancellationToken ct = default)
    {
        var wires = await PagesAsync<OkxBillWire>("/api/v5/account/bills",
            [new("instType", "SWAP"), new("instId", instId), new("type", "8"), new("begin", sinceMs is { } b ? OkxJson.Format(b) : null)],
            w => w.BillId, ct, pastWanted: w => sinceMs is { } since && FundingTimeOf(w) < since).ConfigureAwait(false);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = wires.Where(w => seen.Add(w.BillId)).ToList();   // pages may overlap when bills arrive meanwhile
        await LoadRatesAsync(unique, ct).ConfigureAwait(false);

        var bills = new List<FundingBill>(unique.Count);
        foreach (var wire in unique)
        {
            if (_instruments.FirstOrDefault(i => i.InstId == wire.InstId) is not { Kind: InstrumentKind.Swap } instrument)
                continue;   // a swap the gateway does not trade: no agent can hold it
            try
            {
                decimal? rate = _settledRates.TryGetValue((wire.InstId, FundingTimeOf(wire)), out var known) ? known : null;
                var bill = OkxMapper.ToFundingBill(wire, instrument, rate);
                if (sinceMs is null || bill.FundingTimeMs >= sinceMs)
                    bills.Add(bill);
            }
            catch (OkxApiException e)
            {
                _logger.LogWarning("OKX funding bill {BillId} skipped: {Error}", OkxJson.Truncate(wire.BillId), e.Message);
            }
        }
        return bills.OrderBy(b => b.FundingTimeMs).ThenBy(b => b.BillId.Length).ThenBy(b => b.BillId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Settled funding rates of <paramref name="instId"/>, newest first, older than <paramref name="beforeFundingMs"/>
    /// when given (OKX's "after" cursor), at most <paramref name="limit"/> (OKX's maximum is 400).
    /// </summary>
    public async Task<IReadOnlyList<FundingRate>> GetFundingRateHistoryAsync(string instId, long? beforeFundingMs = null, int limit = RateHistoryPageSize,
        CancellationToken ct = default)
    {
        var data = await _rest.GetAsync<OkxFundingRateWire>("/api/v5/public/funding-rate-history",
            [
                new("instId", instId), new("after", beforeFundingMs is { } a ? OkxJson.Format(a) : null),
                new("limit", limit.ToString(CultureInfo.InvariantCulture)),
            ], signed: false, ct).ConfigureAwait(false);
        return data.Select(OkxMapper.ToFundingRate).ToList();
    }

    /// <summary>
    /// Fetches the rates these bills need that are not kept yet, per instrument back to its oldest bill. A history
    /// that cannot be had is logged: the bills then take their rate from their amounts (and one without a side waits).
    /// </summary>
    private async Task LoadRatesAsync(IEnumerable<OkxBillWire> bills, CancellationToken ct)
    {
        var missing = bills.Select(w => (w.InstId, Time: FundingTimeOf(w)))
            .Where(k => k.Time > 0 && _instruments.Any(i => i.InstId == k.InstId && i.Kind == InstrumentKind.Swap) && !_settledRates.ContainsKey(k))
            .GroupBy(k => k.InstId, StringComparer.Ordinal);
        foreach (var instrument in missing)
        {
            var oldest = instrument.Min(k => k.Time);
            long? before = null;
            try
            {
                for (var page = 0; page < RateHistoryPages; page++)
                {
                    var rates = await GetFundingRateHistoryAsync(instrument.Key, before, RateHistoryPageSize, ct).ConfigureAwait(false);
                    foreach (var rate in rates)
                        _settledRates[(instrument.Key, rate.FundingTimeMs)] = rate.Rate;
                    if (rates.Count < RateHistoryPageSize || rates.Min(r => r.FundingTimeMs) <= oldest)
                        break;
                    before = rates.Min(r => r.FundingTimeMs);
                }
            }
            catch (OkxApiException e)
            {
                _logger.LogWarning("OKX funding-rate history of {InstId} unavailable ({Error}); funding bills take their rate from their amounts",
                    instrument.Key, e.Message);
            }
        }
    }

    /// <summary>The funding time a bill settles: the 8-hour boundary at or before its ts; 0 when ts is not a time.</summary>
    private static long FundingTimeOf(OkxBillWire w) =>
        long.TryParse(w.Ts, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ts) && ts > 0 ? FundingRates.AtOrBefore(ts) : 0;
}
