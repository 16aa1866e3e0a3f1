using System.Threading.Channels;

namespace Prometheus.Engine.Exchange.Simulated;

/// <summary>
/// The simulated exchange's fills as a <see cref="ChannelReader{T}"/>, without the locks of a real channel: the exchange
/// and its reader run on one thread (the engine loop, or exchange-sim under its one lock). A backtest publishes a fill
/// for every order, so the lock a thread-safe channel takes on each write showed as a tenth of the run.
/// </summary>
internal sealed class FillQueue : ChannelReader<ExchangeFill>
{
    private readonly Queue<ExchangeFill> _items = new();
    private TaskCompletionSource<bool>? _waiter;

    public void Write(ExchangeFill fill)
    {
        _items.Enqueue(fill);
        if (_waiter is { } waiter)
        {
            _waiter = null;
            waiter.TrySetResult(true);
        }
    }

    public override bool TryRead(out ExchangeFill item) => _items.TryDequeue(out item!);

    public override bool CanCount => true;

    public override int Count => _items.Count;

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        if (_items.Count > 0) return new(true);
        _waiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        return new(_waiter.Task.WaitAsync(cancellationToken));
    }
}
