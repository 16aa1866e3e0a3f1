using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// JSON as OKX writes it: camelCase names, every number a string. <see cref="Response"/> writes every field (an
/// absent value is ""); <see cref="Request"/> leaves nulls out of request bodies. Numbers are read and written as
/// <see cref="decimal"/> with the invariant culture, never through double.
/// </summary>
public static class OkxJson
{
    public static JsonSerializerOptions Response { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        PropertyNameCaseInsensitive = false,
    };

    public static JsonSerializerOptions Request { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A decimal as OKX writes it: invariant, no exponent, no trailing zeros ("0.1", "63921", "0.00000001").</summary>
    public static string Format(decimal value) =>
        value.ToString("0.############################", CultureInfo.InvariantCulture);

    public static string Format(decimal? value) => value is { } v ? Format(v) : "";

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses an OKX number string; "" is <paramref name="empty"/>.</summary>
    /// <exception cref="OkxApiException">Not a number (MalformedResponse), naming the field.</exception>
    public static decimal Decimal(string? value, string field, decimal empty = 0m)
    {
        if (string.IsNullOrEmpty(value))
            return empty;
        return decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw Malformed($"{field} is not a number ('{Truncate(value)}')");
    }

    public static decimal? NullableDecimal(string? value, string field) =>
        string.IsNullOrEmpty(value) ? null : Decimal(value, field);

    public static long Long(string? value, string field, long empty = 0)
    {
        if (string.IsNullOrEmpty(value))
            return empty;
        return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw Malformed($"{field} is not a whole number ('{Truncate(value)}')");
    }

    public static OkxApiException Malformed(string what, string? endpoint = null, Exception? inner = null) =>
        new(OkxErrorKind.MalformedResponse, "", what, endpoint, inner: inner);

    public static string Truncate(string value, int max = 80) => value.Length <= max ? value : value[..max] + "...";
}
