using System.Globalization;

namespace Prometheus.Engine.Configuration;

/// <summary>Range checks that word their errors the same way everywhere.</summary>
public static class Check
{
    public static IEnumerable<string> Range(string key, int value, int min, int max)
    {
        if (value < min || value > max)
            yield return $"{key} must be between {min} and {max} (was {value})";
    }

    public static IEnumerable<string> Range(string key, decimal value, decimal min, decimal max)
    {
        if (value < min || value > max)
            yield return string.Create(CultureInfo.InvariantCulture, $"{key} must be between {min} and {max} (was {value})");
    }

    public static IEnumerable<string> Range(string key, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
            yield return string.Create(CultureInfo.InvariantCulture, $"{key} must be between {min} and {max} (was {value})");
    }
}
