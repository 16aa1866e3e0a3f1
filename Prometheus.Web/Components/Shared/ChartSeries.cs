using Prometheus.Web.Dashboard;

namespace Prometheus.Web.Components.Shared;

/// <summary>One line of a <see cref="LineChart"/>. Equity is converted to a JS number only here, for drawing.</summary>
public sealed record ChartSeries(string Name, string Title, string Color, IReadOnlyList<EquityPoint> Points, bool Primary = false, int Width = 2)
{
    internal object ToJs()
    {
        // lightweight-charts wants strictly increasing times in seconds: points in the same second keep the last value.
        var points = new List<object[]>(Points.Count);
        long last = long.MinValue;
        foreach (var p in Points)
        {
            var t = p.TimeMs / 1000;
            if (t == last) points[^1] = [t, (double)p.Equity];
            else if (t > last) points.Add([t, (double)p.Equity]);
            last = Math.Max(last, t);
        }
        return new { name = Name, title = Title, color = Color, points, primary = Primary, width = Width };
    }

    /// <summary>A colour per agent id, stable across reloads.</summary>
    public static string AgentColor(int agentId) => Palette[agentId % Palette.Length];

    /// <summary>The first palette colour not in <paramref name="used"/> (lines drawn together never share one while there are colours left).</summary>
    public static string FreeColor(IReadOnlyCollection<string> used) => Palette.FirstOrDefault(c => !used.Contains(c)) ?? Palette[used.Count % Palette.Length];

    private static readonly string[] Palette =
        ["#4fc3f7", "#ffb74d", "#ba68c8", "#81c784", "#f06292", "#fff176", "#4db6ac", "#9575cd", "#e57373", "#aed581", "#7986cb", "#ff8a65"];
}
