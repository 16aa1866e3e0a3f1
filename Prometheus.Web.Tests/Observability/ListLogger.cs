using Microsoft.Extensions.Logging;
using Prometheus.Web.Tests.ExchangeSim;

namespace Prometheus.Web.Tests.Observability;

/// <summary>An <see cref="ILogger{T}"/> keeping every line, for tests that read what would have been logged.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly ListLogger _inner = new();

    public string All => _inner.All;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _inner.Log(logLevel, eventId, state, exception, formatter);
}
