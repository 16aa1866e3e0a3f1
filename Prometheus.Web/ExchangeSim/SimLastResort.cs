namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// The answer to a failure nothing else caught (exchange-sim's exception handler): counted on
/// <see cref="ExchangeSimServer.UnexpectedFailures"/>, logged with its stack trace by the exception handler middleware,
/// and answered as OKX's system error (50026, HTTP 500) in the envelope, with nothing of the exception in it. Every
/// bad input has its own answer before this; reaching it is a bug.
/// </summary>
public static class SimLastResort
{
    public const string Code = "50026";
    public const string Message = "System error. Try again later.";

    public static Task AnswerAsync(HttpContext context)
    {
        context.RequestServices.GetRequiredService<ExchangeSimServer>().RecordUnexpectedFailure();
        return SimHttp.Error(Code, Message, StatusCodes.Status500InternalServerError).ExecuteAsync(context);
    }
}
