using Prometheus.Engine.Tests;
using System.Globalization;
using System.Text.Json.Nodes;
using Prometheus.Engine.Exchange;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>
/// What must hold of exchange-sim's state, read through its API alone: the balances are a replay of the fills and
/// funding bills (spot: base and quote moved by each fill; swaps: cash plus isolated margin moved by fees and the PnL of
/// each close against the replayed average price, positions and average prices as replayed), nothing is negative, every
/// order answered as placed exists and every clOrdId only ever refused does not, every order answered as cancelled is
/// cancelled, and an order lists an attached algo exactly when it was placed with one.
/// </summary>
internal static class SimStateCheck
{
    private static readonly decimal ContractValue = TestInstruments.BtcUsdtSwap.ContractValue;

    public static async Task<List<string>> CheckAsync(SimRawClient client, SimFuzzer fuzzer, decimal initialBalance)
    {
        var violations = new List<string>();
        var fills = (await PagesAsync(client, "/api/v5/trade/fills-history?instType=SPOT", "billId"))
            .Concat(await PagesAsync(client, "/api/v5/trade/fills-history?instType=SWAP", "billId"))
            .OrderBy(f => long.Parse((string)f["tradeId"]!, CultureInfo.InvariantCulture))
            .ToList();
        var bills = await PagesAsync(client, "/api/v5/account/bills?type=8", "billId");

        var baseCcy = 0m;
        var cash = initialBalance + bills.Sum(b => D(b["balChg"]));
        var positions = new Dictionary<string, (decimal Size, decimal Average)> { ["long"] = (0m, 0m), ["short"] = (0m, 0m) };
        foreach (var fill in fills)
        {
            var (size, price, fee) = (D(fill["fillSz"]), D(fill["fillPx"]), D(fill["fee"]));
            var buy = (string?)fill["side"] == "buy";
            cash += fee;   // OKX writes a cost as a negative fee
            if ((string?)fill["instId"] == "BTC-USDT")
            {
                baseCcy += buy ? size : -size;
                cash += buy ? -size * price : size * price;
                continue;
            }
            var side = (string)fill["posSide"]!;
            var (held, average) = positions[side];
            var opening = buy == (side == "long");
            if (opening)
            {
                positions[side] = (held + size, held == 0m ? price : decimal.Round((average * held + price * size) / (held + size), 12, MidpointRounding.AwayFromZero));
            }
            else
            {
                cash += (side == "long" ? price - average : average - price) * size * ContractValue;
                positions[side] = held == size ? (0m, 0m) : (held - size, average);
            }
        }

        var details = (await GetAsync(client, "/api/v5/account/balance"))["data"]![0]!["details"]!.AsArray();
        decimal Balance(string ccy, string field) => D(details.Single(d => (string?)d!["ccy"] == ccy)![field]);
        var open = (await GetAsync(client, "/api/v5/account/positions"))["data"]!.AsArray();
        var margin = open.Sum(p => D(p!["margin"]));
        if (Balance("BTC", "cashBal") != baseCcy)
            violations.Add($"BTC {Balance("BTC", "cashBal")} but the fills replay to {baseCcy}");
        if (Balance("USDT", "cashBal") + margin != cash)
            violations.Add($"USDT {Balance("USDT", "cashBal")} + margin {margin} but the fills and bills replay to {cash}");
        foreach (var ccy in (string[])["BTC", "USDT"])
        {
            if (Balance(ccy, "availBal") < 0m || Balance(ccy, "frozenBal") < 0m)
                violations.Add($"{ccy} negative: available {Balance(ccy, "availBal")}, frozen {Balance(ccy, "frozenBal")}");
        }
        foreach (var (side, (size, average)) in positions)
        {
            var position = open.FirstOrDefault(p => (string?)p!["posSide"] == side);
            var (pos, avgPx) = position is null ? (0m, 0m) : (D(position["pos"]), D(position["avgPx"]));
            if (pos != size || (size > 0m && avgPx != average))
                violations.Add($"{side}: {pos} at {avgPx} but the fills replay to {size} at {average}");
        }

        var orders = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var order in (await PagesAsync(client, "/api/v5/trade/orders-history?instType=SPOT", "ordId"))
                     .Concat(await PagesAsync(client, "/api/v5/trade/orders-history?instType=SWAP", "ordId"))
                     .Concat(await PagesAsync(client, "/api/v5/trade/orders-pending", "ordId")))
        {
            if ((string?)order["clOrdId"] is { Length: > 0 } clOrdId)
                orders[clOrdId] = order;
        }
        foreach (var (clOrdId, withAlgo) in fuzzer.Placed)
        {
            if (!orders.TryGetValue(clOrdId, out var order))
                violations.Add($"{clOrdId} was answered as placed but does not exist");
            else if (order["attachAlgoOrds"]!.AsArray().Count > 0 != withAlgo)
                violations.Add($"{clOrdId} lists {order["attachAlgoOrds"]!.AsArray().Count} algos, placed {(withAlgo ? "with" : "without")} one");
        }
        foreach (var clOrdId in fuzzer.Refused.Where(orders.ContainsKey))
            violations.Add($"{clOrdId} was only ever refused but exists");
        foreach (var clOrdId in fuzzer.Cancelled)
        {
            if (!orders.TryGetValue(clOrdId, out var order) || (string?)order["state"] != "canceled")
                violations.Add($"{clOrdId} was answered as cancelled but is {(string?)orders.GetValueOrDefault(clOrdId)?["state"] ?? "missing"}");
        }
        return violations;
    }

    /// <summary>Balances, positions and every order, read signed: equal snapshots mean nothing changed.</summary>
    public static async Task<string> SnapshotAsync(SimRawClient client)
    {
        var balance = (await GetAsync(client, "/api/v5/account/balance"))["data"]![0]!["details"]!.AsArray()
            .Select(d => $"{d!["ccy"]}={d["cashBal"]}/{d["frozenBal"]}");
        var positions = (await GetAsync(client, "/api/v5/account/positions"))["data"]!.AsArray().Select(p => $"{p!["posSide"]}={p["pos"]}/{p["lever"]}/{p["margin"]}");
        var orders = (await PagesAsync(client, "/api/v5/trade/orders-history?instType=SWAP", "ordId"))
            .Concat(await PagesAsync(client, "/api/v5/trade/orders-history?instType=SPOT", "ordId"))
            .Concat(await PagesAsync(client, "/api/v5/trade/orders-pending", "ordId"))
            .Select(o => $"{o["ordId"]}:{o["state"]}:{o["sz"]}:{o["px"]}:{o["accFillSz"]}");
        return string.Join(",", balance) + "|" + string.Join(",", positions) + "|" + string.Join(",", orders);
    }

    /// <summary>Every item of a list endpoint, page by page (newest first, the cursor <paramref name="idField"/>).</summary>
    private static async Task<List<JsonNode>> PagesAsync(SimRawClient client, string pathAndQuery, string idField)
    {
        var all = new List<JsonNode>();
        var separator = pathAndQuery.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        string? after = null;
        while (true)
        {
            var page = (await GetAsync(client, pathAndQuery + separator + "limit=100" + (after is null ? "" : "&after=" + after)))["data"]!.AsArray();
            all.AddRange(page.Select(p => p!));
            if (page.Count < 100)
                return all;
            after = (string?)page[^1]![idField];
        }
    }

    /// <summary>A signed GET, waited out when the rate limit answers 429.</summary>
    private static async Task<JsonObject> GetAsync(SimRawClient client, string pathAndQuery)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (status, body) = await client.GetAsync(pathAndQuery);
            if (status != 429 || attempt == 50)
            {
                Assert.True((string?)body["code"] == "0", $"{pathAndQuery}: {body.ToJsonString()}");
                return body;
            }
            await Task.Delay(200);
        }
    }

    private static decimal D(JsonNode? value) =>
        (string?)value is { Length: > 0 } text ? decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture) : 0m;
}
