using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Prometheus.Web.Hosting;

/// <summary>
/// What one request may carry, checked before anything acts on it:
/// - bodies on /api, /controls and /account: at most <see cref="BodyBytes"/>. The endpoints carry it as
///   IRequestSizeLimitMetadata (Kestrel stops reading past it) and as FormOptions (the form reader does too), and a
///   declared Content-Length over it is answered 413 before anything reads the body (<see cref="UseDeclaredBodyLimit"/>);
/// - text fields (reasons, ids, choices): at most <see cref="TextLength"/> characters.
/// </summary>
public static class RequestLimits
{
    public const int BodyBytes = 64 * 1024;
    public const int TextLength = 500;

    public static readonly string BodyTooLarge = $"the request body is larger than the limit of {BodyBytes / 1024} KB";

    /// <summary>The body limit on a group of endpoints, for Kestrel and for the form reader.</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(BodyBytes))
            .WithFormOptions(bufferBodyLengthLimit: BodyBytes, valueLengthLimit: BodyBytes, multipartBodyLengthLimit: BodyBytes);

    /// <summary>A body announced larger than its endpoint's limit is refused with 413 at once, before anything reads it.</summary>
    public static IApplicationBuilder UseDeclaredBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize is { } limit
            && context.Request.ContentLength > limit)
        {
            await Problems.Of(StatusCodes.Status413PayloadTooLarge, BodyTooLarge).ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    /// <summary>Why <paramref name="value"/> is too long for a text field, or null when it fits.</summary>
    public static string? TextTooLong(string field, string? value) =>
        value is { Length: > TextLength } ? $"{field} must be at most {TextLength} characters (was {value.Length})" : null;

    /// <summary>Reads a posted form within the limits: one too large or unreadable is a problem to answer, not an exception.</summary>
    public static async Task<(IFormCollection? Form, IResult? Problem)> ReadFormWithinLimitsAsync(this HttpContext context)
    {
        try
        {
            return (await context.Request.ReadFormAsync(context.RequestAborted), null);
        }
        catch (BadHttpRequestException e)
        {
            return (null, Problems.Of(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? BodyTooLarge : e.Message));
        }
        catch (InvalidDataException e)
        {
            // The form reader's own limits ("Form value length limit 65536 exceeded.") or a malformed multipart body.
            return (null, Problems.Of(StatusCodes.Status400BadRequest, $"the form could not be read: {e.Message}"));
        }
    }
}
