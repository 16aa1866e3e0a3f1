using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Prometheus.Web.Hosting;

namespace Prometheus.Web.Api;

/// <summary>
/// API routes that take no body (pause, resume, confirm, close-all, an orphan's close and dismiss) accept none, or any
/// well-formed JSON, which they ignore (so a client that always sends <c>{}</c> works). A body that is not JSON is
/// refused with 415 and malformed JSON with 400, before the route runs: bad input changes nothing, whichever route it
/// is sent to. Routes that take a body (they declare IAcceptsMetadata) are checked by their own binding instead.
/// </summary>
public static class BodylessRoutes
{
    public static IApplicationBuilder UseBodylessRouteCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api")
            || context.GetEndpoint() is not { } endpoint
            || endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null
            || context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true
            || request.ContentLength == 0)
        {
            await next(context);
            return;
        }
        if (!request.HasJsonContentType())
        {
            await Problems.Of(StatusCodes.Status415UnsupportedMediaType,
                "this route takes no body: send none, or JSON with Content-Type: application/json").ExecuteAsync(context);
            return;
        }
        try
        {
            // Within the body limit (Kestrel stops reading past it), so the copy is small.
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, context.RequestAborted);
            if (body.Length > 0)
                using (JsonDocument.Parse(body.ToArray())) { }
        }
        catch (JsonException e)
        {
            await Problems.Field(BadRequestProblems.BodyField,
                $"the body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}); this route takes no body: send none").ExecuteAsync(context);
            return;
        }
        catch (BadHttpRequestException e)
        {
            await Problems.Of(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? RequestLimits.BodyTooLarge : e.Message).ExecuteAsync(context);
            return;
        }
        await next(context);
    });
}
