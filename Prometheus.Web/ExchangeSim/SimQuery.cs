using System.Globalization;
using Prometheus.Engine.Exchange.Simulated;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// Query parameters read as OKX reads them: absent is fine, but a cursor, time or limit that is not a whole number
/// (or is out of range) is refused with 51000 "Parameter {name} error", never ignored.
/// </summary>
public static class SimQuery
{
    public static IResult Bad(string name) => SimHttp.Error(OkxErrorCodes.ParameterError, $"Parameter {name} error");

    /// <summary>A cursor or time in ms: null when absent; false when not a non-negative whole number.</summary>
    public static bool TryNumber(HttpContext context, string name, out long? value)
    {
        value = null;
        if (SimHttp.Query(context, name) is not { } text)
            return true;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return false;
        value = number;
        return true;
    }

    /// <summary>limit: <paramref name="absent"/> when absent; otherwise 1 or more (more than <paramref name="max"/> answers the maximum, as OKX does).</summary>
    public static bool TryLimit(HttpContext context, int max, int absent, out int limit)
    {
        limit = absent;
        if (SimHttp.Query(context, "limit") is not { } text)
            return true;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            return false;
        limit = Math.Min(value, max);
        return true;
    }
}
