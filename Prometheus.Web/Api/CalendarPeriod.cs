namespace Prometheus.Web.Api;

/// <summary>Calendar periods in UTC: a day, an ISO week (from Monday) or a month.</summary>
public enum CalendarPeriod { Day, Week, Month }

public static class CalendarPeriods
{
    public static bool TryParse(string? text, out CalendarPeriod period)
    {
        period = CalendarPeriod.Day;
        switch (text)
        {
            case "day": period = CalendarPeriod.Day; return true;
            case "week": period = CalendarPeriod.Week; return true;
            case "month": period = CalendarPeriod.Month; return true;
            default: return false;
        }
    }

    /// <summary>The start (UTC, Unix ms) of the period holding <paramref name="timeMs"/>.</summary>
    public static long StartOf(this CalendarPeriod period, long timeMs)
    {
        var day = DateTimeOffset.FromUnixTimeMilliseconds(timeMs).UtcDateTime.Date;
        var start = period switch
        {
            CalendarPeriod.Day => day,
            CalendarPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            _ => new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        return new DateTimeOffset(start, TimeSpan.Zero).ToUnixTimeMilliseconds();
    }
}
