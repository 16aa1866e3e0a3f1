using Microsoft.Extensions.Logging;

namespace Prometheus.Web.Tests.ExchangeSim;

/// <summary>Keeps every log line (message and exception) so a test can read what would have been written.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly List<string> _lines = [];

    public string All
    {
        get
        {
            lock (_lines)
                return string.Join("\n", _lines);
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
            _lines.Add($"{logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
    }
}
