using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Prometheus.Web.Hosting;

namespace Prometheus.Web.Api;

/// <summary>
/// What the framework cannot read from a request, answered as problem details naming the field, before any handler
/// runs (nothing has acted). Minimal APIs throw <see cref="BadHttpRequestException"/> for it (RouteHandlerOptions
/// .ThrowOnBadRequest); this handler words it:
/// - malformed JSON: 400, the field the reader was in ("body" at the top) with line and byte;
/// - a value of the wrong type or out of range (a string for a number, 1e40 for a decimal): 400, the field and what it
///   must be, read from the request type the endpoint accepts (IAcceptsMetadata);
/// - no body: 400 "body"; a query value that does not parse: 400 naming the parameter; a body not sent as JSON: 415;
///   a body over the limit: 413.
/// </summary>
public sealed partial class BadRequestProblems : IExceptionHandler
{
    public const string BodyField = "body";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        await Describe(context, bad).ExecuteAsync(context);
        return true;
    }

    private static IResult Describe(HttpContext context, BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
            return Problems.Of(bad.StatusCode, RequestLimits.BodyTooLarge);
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return Problems.Of(bad.StatusCode, "send the body as JSON, with Content-Type: application/json");
        if (bad.InnerException is JsonException json)
            return Json(context, json);
        if (NotProvided().IsMatch(bad.Message))
            return Problems.Field(BodyField, "a JSON body is required (see README.md, JSON API, for its fields)");
        if (Unparsable().Match(bad.Message) is { Success: true } m)
        {
            var (name, value) = (m.Groups["name"].Value, m.Groups["value"].Value);
            return Problems.Field(name, $"{name} has a value that does not parse ('{(value.Length > 40 ? value[..40] + "..." : value)}')");
        }
        return Problems.Of(bad.StatusCode, bad.Message);
    }

    private static IResult Json(HttpContext context, JsonException json)
    {
        var field = FieldOf(json.Path);
        // The reader's own exception inside: the text is not JSON. Otherwise the JSON is fine and a value does not fit.
        if (json.InnerException is JsonException)
            return Problems.Field(field,
                $"the body is not valid JSON (at {(field == BodyField ? "the top" : field)}, line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1})");
        // The exception handler has taken the endpoint off the context; its feature still knows it.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var type = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        return Problems.Field(field, $"{field} must be {Expected(type, field)}");
    }

    /// <summary>The top-level field the reader was in: "$.spotShare" -> "spotShare", "$.a.b" -> "a"; "$", "$[1]" (the body itself) -> "body".</summary>
    private static string FieldOf(string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal)) return BodyField;
        var end = path.IndexOfAny(['.', '['], 2);
        var field = end < 0 ? path[2..] : path[2..end];
        return field.Length == 0 ? BodyField : field;
    }

    /// <summary>What a field of the request type holds, in words.</summary>
    private static string Expected(Type? requestType, string field)
    {
        var property = requestType?.GetProperty(field, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null) return requestType is null ? "valid JSON for this route" : $"an object with the fields of {Describe(requestType)}";
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type switch
        {
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) => $"a whole number from {int.MinValue} to {int.MaxValue}",
            _ when type == typeof(long) => $"a whole number from {long.MinValue} to {long.MaxValue}",
            _ when type == typeof(decimal) => $"a number of at most 28 significant digits, below {decimal.MaxValue:E1} in size",
            _ when type == typeof(double) => "a number",
            _ when type == typeof(string) => "a string",
            _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
            _ => $"a value of the form {type.Name}",
        };
    }

    private static string Describe(Type requestType) =>
        string.Join(", ", requestType.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)));

    // "Required parameter "InterventionRequest body" was not provided from body." / "Implicit body inferred for parameter "body" but no body was provided."
    [GeneratedRegex("was not provided from body|but no body was provided")]
    private static partial Regex NotProvided();

    // "Failed to bind parameter "Nullable<int> take" from "abc"."
    [GeneratedRegex("^Failed to bind parameter \"(?:[^\"]* )?(?<name>[^\" ]+)\" from \"(?<value>.*)\"\\.$")]
    private static partial Regex Unparsable();
}
