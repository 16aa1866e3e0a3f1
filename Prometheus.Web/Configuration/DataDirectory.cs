using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Prometheus.Web.Configuration;

/// <summary>
/// Where Prometheus keeps what it writes (logs now; the store and checkpoints later).
/// Key Prometheus:DataDir; empty means a "prometheus" folder in the user's local application data
/// (~/.local/share/prometheus on Linux). The folder is created when missing.
/// </summary>
public static class DataDirectory
{
    public const string Key = "Prometheus:DataDir";

    /// <summary>The folder, created if needed. Throws <see cref="OptionsValidationException"/> naming the key when it cannot be.</summary>
    public static string Resolve(IConfiguration configuration)
    {
        var (full, given) = Locate(configuration);
        try
        {
            Directory.CreateDirectory(full);
            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Invalid($"{Key} must be a folder Prometheus can create and write (was '{given}': {e.Message})");
        }
    }

    /// <summary>
    /// The folder's full path, without creating it: for what is set up before anything may be written (the log file's
    /// path, which the log creates on its first line). Throws <see cref="OptionsValidationException"/> for a path that is no path.
    /// </summary>
    public static string PathOf(IConfiguration configuration) => Locate(configuration).Full;

    private static (string Full, string Given) Locate(IConfiguration configuration)
    {
        var configured = configuration[Key];
        var path = string.IsNullOrWhiteSpace(configured) ? DefaultPath() : configured;
        if (string.IsNullOrEmpty(path))
            throw Invalid($"{Key} is empty and this machine has no local application data folder: set {Key}");
        try
        {
            return (Path.GetFullPath(path), path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Invalid($"{Key} must be a folder Prometheus can create and write (was '{path}': {e.Message})");
        }
    }

    private static string DefaultPath()
    {
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(local) ? "" : Path.Combine(local, "prometheus");
    }

    private static OptionsValidationException Invalid(string message) =>
        new(Key, typeof(string), [message]);
}
