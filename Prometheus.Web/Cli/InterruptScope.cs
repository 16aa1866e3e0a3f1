namespace Prometheus.Web.Cli;

/// <summary>While alive, Ctrl+C cancels <see cref="Token"/> instead of killing the process, so a long run stops cleanly.</summary>
public sealed class InterruptScope : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly bool _listening;

    public InterruptScope(CliContext context, CancellationToken outer)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _listening = context.HandlesInterrupt;
        if (_listening)
            Console.CancelKeyPress += OnCancelKeyPress;
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        if (_listening)
            Console.CancelKeyPress -= OnCancelKeyPress;
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _source.Cancel();
    }
}
