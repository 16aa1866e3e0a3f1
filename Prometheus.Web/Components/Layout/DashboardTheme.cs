using MudBlazor;

namespace Prometheus.Web.Components.Layout;

/// <summary>
/// The dashboard's two palettes. Colours mean one thing everywhere: green up / running / buy, red down / danger / sell,
/// amber paused / caution, violet waiting for a person. The dark one is the trading screen; the light one is for daylight.
/// </summary>
public static class DashboardTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0277bd",
            Secondary = "#6a1b9a",
            Info = "#0277bd",
            Success = "#00897b",
            Error = "#d32f2f",
            Warning = "#e69100",
            AppbarBackground = "#ffffff",
            AppbarText = "#1f2933",
            Background = "#f3f5f7",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#4fc3f7",
            Secondary = "#b388ff",
            Info = "#4fc3f7",
            Success = "#26a69a",
            Error = "#ef5350",
            Warning = "#ffb300",
            AppbarBackground = "#0b0f13",
            AppbarText = "#e3e8ec",
            Background = "#0f1419",
            BackgroundGray = "#1e262f",
            Surface = "#171d24",
            DrawerBackground = "#11171d",
            DrawerText = "#c5ced6",
            TextPrimary = "#e3e8ec",
            TextSecondary = "#8a97a3",
            LinesDefault = "rgba(255,255,255,0.08)",
            TableLines = "rgba(255,255,255,0.08)",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "220px" },
    };
}
