using System.Globalization;
using System.Text.Json;
using Prometheus.Engine.Exchange.Okx;

namespace Prometheus.Web.ExchangeSim;

/// <summary>Answers in OKX's envelope {code, msg, data} with OKX's JSON (numbers as strings), and reads requests tolerantly.</summary>
public static class SimHttp
{
    public const string BodyKey = "okx.body";

    public static IResult Ok(IEnumerable<object> data) => Envelope("0", "", data);

    public static IResult Error(string code, string msg, int status = StatusCodes.Status200OK) => Envelope(code, msg, [], status);

    public static IResult Envelope(string code, string msg, IEnumerable<object> data, int status = StatusCodes.Status200OK) =>
        Results.Text(JsonSerializer.Serialize(new { code, data = data.ToList(), msg }, OkxJson.Response), "application/json", null, status);

    /// <summary>The request body read by the middleware (signed requests need it whole).</summary>
    public static string Body(HttpContext context) => context.Items[BodyKey] as string ?? "";

    public static string? Query(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var value) && value.Count > 0 && !string.IsNullOrEmpty(value[0]) ? value[0] : null;

    /// <summary>A property as a string whatever its JSON kind (OKX clients send "true" and true, "1" and 1).</summary>
    public static string? Field(JsonElement item, string name)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(name, out var value))
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    public static bool TryDecimal(string? value, out decimal result) =>
        decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out result);

    public static bool TryLong(string? value, out long result) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result);

    /// <summary>limit: 1..max, default 100 (OKX's default for every list endpoint here).</summary>
    public static int Limit(HttpContext context, int max) =>
        int.TryParse(Query(context, "limit"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) && limit > 0
            ? Math.Min(limit, max)
            : Math.Min(100, max);
}
