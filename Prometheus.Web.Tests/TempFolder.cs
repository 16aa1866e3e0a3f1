namespace Prometheus.Web.Tests;

/// <summary>A fresh folder under the system temp folder, so tests never touch the user's data.</summary>
internal static class TempFolder
{
    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), "prometheus-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
