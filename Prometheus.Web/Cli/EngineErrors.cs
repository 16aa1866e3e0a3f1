using Prometheus.Engine.Backtest;
using Prometheus.Engine.Market;

namespace Prometheus.Web.Cli;

/// <summary>
/// Turns the engine's input failures (a bad date range, a missing or malformed candle file) into
/// one-line <see cref="CliException"/>s. Anything else is a bug and is left to surface as one.
/// </summary>
public static class EngineErrors
{
    public static async Task<T> RunAsync<T>(string dataPath, Func<T> run, CancellationToken ct)
    {
        try
        {
            return await Task.Run(run, ct);
        }
        catch (BacktestInputException e)
        {
            throw new CliException(e.Message);
        }
        catch (CandleDataException e)
        {
            throw new CliException(e.Message);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {dataPath}: {e.Message}");
        }
    }
}
