using System.Text.Json;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// The JSON of a request body or WebSocket frame, read before anything acts on it. <see cref="TryParse"/> checks the
/// syntax; <see cref="ShapeError"/> checks an item the way OKX's parameters are: an object whose fields are strings,
/// numbers, booleans or null, except the named structured fields (arrays of such objects, or null), and whose every name and
/// string is valid UTF-16 (a lone surrogate escaped as \uD800 is not). Past these checks, reading a field cannot fail.
/// </summary>
public static class SimRequestJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    /// <summary>Parses <paramref name="text"/>; false when it is not JSON (OKX: 50002, or 60012 on a WebSocket).</summary>
    public static bool TryParse(string text, out JsonElement root)
    {
        root = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        try
        {
            using var document = JsonDocument.Parse(text, Options);
            root = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Null when <paramref name="item"/> is an object of valid scalar fields (and <paramref name="structured"/> fields
    /// that are arrays of such objects); else "Parameter {name} error" for the first field that is not.
    /// </summary>
    public static string? ShapeError(JsonElement item, params ReadOnlySpan<string> structured)
    {
        if (item.ValueKind != JsonValueKind.Object)
            return "Parameter error: a JSON object is expected.";
        foreach (var property in item.EnumerateObject())
        {
            if (!TryName(property, out var name))
                return "Parameter error: a field name is not valid UTF-16.";
            var value = property.Value;
            var valid = structured.Contains(name)
                ? value.ValueKind == JsonValueKind.Null || IsArrayOfScalarObjects(value)
                : IsValidScalar(value);
            if (!valid)
                return $"Parameter {name} error";
        }
        return null;
    }

    private static bool IsArrayOfScalarObjects(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
            return false;
        foreach (var element in value.EnumerateArray())
        {
            if (ShapeError(element) is not null)
                return false;
        }
        return true;
    }

    private static bool IsValidScalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => IsValidUtf16(value),
        JsonValueKind.Array or JsonValueKind.Object => false,
        _ => true,
    };

    // System.Text.Json reports text that is not valid UTF-16 only by throwing when it is read as a string.
    private static bool IsValidUtf16(JsonElement value)
    {
        try
        {
            _ = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }
}
