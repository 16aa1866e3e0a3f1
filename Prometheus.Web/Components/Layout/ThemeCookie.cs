namespace Prometheus.Web.Components.Layout;

/// <summary>
/// The light or dark theme a browser chose, kept in a cookie (written by wwwroot/js/theme.js when the person switches).
/// Dark unless the cookie says light: a trading screen is dark by default.
/// </summary>
public static class ThemeCookie
{
    public const string Name = "prometheus-theme";
    public const string Light = "light";
    public const string Dark = "dark";

    public static bool IsDark(HttpRequest request) => !string.Equals(request.Cookies[Name], Light, StringComparison.Ordinal);
}

/// <summary>The theme the page starts with (cascaded from <see cref="ThemeCookie"/>).</summary>
public sealed record ThemeChoice(bool Dark);
