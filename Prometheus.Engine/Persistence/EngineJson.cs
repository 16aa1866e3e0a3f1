using System.Text.Json;
using System.Text.Json.Serialization;

namespace Prometheus.Engine.Persistence;

/// <summary>
/// The one JSON form of engine state (checkpoints, snapshots, state columns): camelCase, enums by name,
/// decimals as JSON numbers written exactly as decimal prints them (System.Text.Json round-trips decimal
/// without passing through double), NaN and infinities allowed for indicator readings.
/// </summary>
public static class EngineJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"No {typeof(T).Name} in the JSON.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
