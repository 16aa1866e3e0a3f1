using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Prometheus.Engine.Exchange.Simulated;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// In front of every OKX endpoint (/api/v5): OKX's per-endpoint rate limits (HTTP 429, 50011), the body read once and
/// at most <see cref="SimLimits.MaxRequestBodyBytes"/> long (it is signed; HTTP 413 past the limit), and signature
/// verification of the private endpoints (HTTP 401 with OKX's code). Which endpoint a request is for, and whether it
/// is private, comes from the endpoint routing matched (its route pattern and <see cref="SimPrivateEndpoint"/>), never
/// from the path as spelled: every spelling that reaches an endpoint is limited and authenticated as that endpoint.
/// </summary>
public static class ExchangeSimMiddleware
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        // Only OKX endpoints are limited and authenticated; anything else falls through to the 404 envelope.
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: { } route } endpoint
            || !route.StartsWith("/api/v5/", StringComparison.Ordinal))
        {
            await next();
            return;
        }
        var sim = context.RequestServices.GetRequiredService<ExchangeSimServer>();
        if (!sim.Limiter.TryAcquire(route))
        {
            await SimHttp.Error(OkxErrorCodes.RateLimited, "Rate limit reached. Please refer to API documentation and throttle requests accordingly.",
                StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
            return;
        }
        if (await ReadBodyAsync(context) is not { } body)
        {
            await SimHttp.Error(OkxErrorCodes.ParameterError, $"Parameter body error: a request body holds at most {SimLimits.MaxRequestBodyBytes} bytes.",
                StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
            return;
        }
        context.Items[SimHttp.BodyKey] = body;
        if (endpoint.Metadata.GetMetadata<SimPrivateEndpoint>() is not null)
        {
            // The signature covers the request target as the client sent it (OKX's requestPath), not as routing read it.
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value + context.Request.QueryString.Value;
            var failure = SimAuth.Verify(context.Request, target, body, sim.Options, sim.Time.GetUtcNow());
            if (failure is not null)
            {
                var logger = context.RequestServices.GetRequiredService<ILogger<ExchangeSimServer>>();
                logger.LogWarning("Refused {Method} {Route}: {Code} {Message}", context.Request.Method, route, failure.Code, failure.Message);
                await SimHttp.Error(failure.Code, failure.Message, StatusCodes.Status401Unauthorized).ExecuteAsync(context);
                return;
            }
        }
        var faults = sim.Faults;
        faults.Requests.AddOrUpdate($"{context.Request.Method} {route}", 1, static (_, n) => n + 1);
        if (faults.TakeUnavailable())
        {
            await SimHttp.Error(OkxErrorCodes.ServiceUnavailable, "Service temporarily unavailable. Please try again later.",
                StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            return;
        }
        if (faults.TakeLostAnswer(route))
        {
            // The order is placed; its answer is lost on the way back.
            var original = context.Response.Body;
            context.Response.Body = Stream.Null;
            await next();
            context.Response.Body = original;
            context.Response.Clear();
            await SimHttp.Error(OkxErrorCodes.EndpointTimeout,
                "API endpoint request timeout (does not mean that the request was successful or failed, please check the request result).",
                StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }
        await next();
    }

    /// <summary>The body as text, or null when it is longer than <see cref="SimLimits.MaxRequestBodyBytes"/> (the server refuses to read on).</summary>
    private static async Task<string?> ReadBodyAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = SimLimits.MaxRequestBodyBytes;
        if (context.Request.ContentLength > SimLimits.MaxRequestBodyBytes)
            return null;
        try
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            return await reader.ReadToEndAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }
}
