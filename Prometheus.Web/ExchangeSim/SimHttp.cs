using System.Globalization;
using System.Text.Json;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Simulated;

namespace Prometheus.Web.ExchangeSim;

/// <summary>Answers in OKX's envelope {code, msg, data} with OKX's JSON (numbers as strings), and reads requests strictly.</summary>
public static class SimHttp
{
    public const string BodyKey = "okx.body";
    public const string JsonSyntaxError = "50002";

    public static IResult Ok(IEnumerable<object> data) => Envelope("0", "", data);

    public static IResult Error(string code, string msg, int status = StatusCodes.Status200OK) => Envelope(code, msg, [], status);

    public static IResult Envelope(string code, string msg, IEnumerable<object> data, int status = StatusCodes.Status200OK) =>
        Results.Text(JsonSerializer.Serialize(new { code, data = data.ToList(), msg }, OkxJson.Response), "application/json", null, status);

    /// <summary>The request body read by the middleware (signed requests need it whole).</summary>
    public static string Body(HttpContext context) => context.Items[BodyKey] as string ?? "";

    /// <summary>The body as one JSON object with valid fields (<paramref name="structured"/> may be arrays of objects), or the error answer.</summary>
    public static IResult? ReadObject(HttpContext context, out JsonElement body, params ReadOnlySpan<string> structured)
    {
        if (!SimRequestJson.TryParse(Body(context), out body) || body.ValueKind != JsonValueKind.Object)
            return Error(JsonSyntaxError, "JSON syntax error");
        return SimRequestJson.ShapeError(body, structured) is { } error ? Error(OkxErrorCodes.ParameterError, error) : null;
    }

    public static string? Query(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var value) && value.Count > 0 && !string.IsNullOrEmpty(value[0]) ? value[0] : null;

    /// <summary>A property as a string whatever its JSON kind (OKX clients send "true" and true, "1" and 1); null when absent or null.</summary>
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

    /// <summary>
    /// A decimal as OKX writes one: digits, optionally a sign and a fraction, nothing else (no exponent, no spaces, no
    /// NaN), within <see cref="decimal"/>'s range.
    /// </summary>
    public static bool TryDecimal(string? value, out decimal result)
    {
        result = 0m;
        if (value is null || value.Length is 0 or > 64)
            return false;
        var digits = value.AsSpan(value[0] == '-' ? 1 : 0);
        var point = digits.IndexOf('.');
        var whole = point < 0 ? digits : digits[..point];
        var fraction = point < 0 ? "1" : digits[(point + 1)..];
        if (whole.IsEmpty || fraction.IsEmpty || whole.ContainsAnyExceptInRange('0', '9') || fraction.ContainsAnyExceptInRange('0', '9'))
            return false;
        return decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out result);
    }

    /// <summary>A whole number: digits with an optional minus sign, within <see cref="long"/>'s range.</summary>
    public static bool TryLong(string? value, out long result) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);
}
