using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Prometheus.Web.Configuration;

/// <summary>
/// Binding one options class to its configuration section, and finding keys in that section that
/// no property takes: a misspelt key ("Prometheus:Agents:Intial") would otherwise be ignored in
/// silence and the default would trade in its place.
/// </summary>
public static class OptionsSection
{
    public static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }

    /// <summary>One line per key of the section that is not a writable property of <typeparamref name="T"/>.</summary>
    public static IEnumerable<string> UnknownKeys<T>(IConfiguration configuration, string section)
    {
        var known = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => p.Name)
            .ToList();
        foreach (var child in configuration.GetSection(section).GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                yield return $"{section}:{child.Key} is not a known setting (known: {string.Join(", ", known)})";
        }
    }
}
