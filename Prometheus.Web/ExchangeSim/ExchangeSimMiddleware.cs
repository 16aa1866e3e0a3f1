using Microsoft.AspNetCore.Routing;
using System.Text;
using Prometheus.Engine.Exchange.Simulated;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// In front of every /api/v5 request: OKX's per-endpoint rate limits (HTTP 429, 50011), the body read once (it is
/// signed), signature verification for /account and /trade (HTTP 401 with OKX's code), and any failure answered as an
/// OKX envelope (50026, HTTP 500), never a stack trace.
/// </summary>
public static class ExchangeSimMiddleware
{
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var sim = context.RequestServices.GetRequiredService<ExchangeSimServer>();
        var logger = context.RequestServices.GetRequiredService<ILogger<ExchangeSimServer>>();
        var path = context.Request.Path.Value ?? "";
        try
        {
            // Only known OKX endpoints are limited and authenticated; anything else falls through to the 404 envelope.
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            if (!path.StartsWith("/api/v5/", StringComparison.Ordinal) || route is null || !route.StartsWith("/api/v5/", StringComparison.Ordinal))
            {
                await next();
                return;
            }
            if (!sim.Limiter.TryAcquire(path))
            {
                await SimHttp.Error(OkxErrorCodes.RateLimited, "Rate limit reached. Please refer to API documentation and throttle requests accordingly.",
                    StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
                return;
            }
            using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
                context.Items[SimHttp.BodyKey] = await reader.ReadToEndAsync(context.RequestAborted);
            if (path.StartsWith("/api/v5/account/", StringComparison.Ordinal) || path.StartsWith("/api/v5/trade/", StringComparison.Ordinal))
            {
                var failure = SimAuth.Verify(context.Request, SimHttp.Body(context), sim.Options, sim.Time.GetUtcNow());
                if (failure is not null)
                {
                    logger.LogWarning("Refused {Method} {Path}: {Code} {Message}", context.Request.Method, path, failure.Code, failure.Message);
                    await SimHttp.Error(failure.Code, failure.Message, StatusCodes.Status401Unauthorized).ExecuteAsync(context);
                    return;
                }
            }
            var faults = sim.Faults;
            faults.Requests.AddOrUpdate($"{context.Request.Method} {path}", 1, static (_, n) => n + 1);
            if (faults.TakeUnavailable())
            {
                await SimHttp.Error(OkxErrorCodes.ServiceUnavailable, "Service temporarily unavailable. Please try again later.",
                    StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
                return;
            }
            if (faults.TakeLostAnswer(path))
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
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            logger.LogError(e, "exchange-sim failed on {Method} {Path}", context.Request.Method, path);
            await SimHttp.Error("50026", "System error. Try again later.", StatusCodes.Status500InternalServerError).ExecuteAsync(context);
        }
    }
}
