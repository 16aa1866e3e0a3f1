namespace Prometheus.Engine.Exchange.Okx;

/// <summary>
/// Opens after <c>threshold</c> consecutive failed calls (transport errors, timeouts, 5xx, rate limits, malformed
/// answers; an OKX business refusal such as 51008 is an answer, not a failure) and then refuses every call for
/// <c>openFor</c>, so a broken exchange is not hammered. After that one trial call goes through (half-open): its
/// success closes the breaker, its failure opens it again. Time comes from the injected clock.
/// </summary>
public sealed class OkxCircuitBreaker(int threshold, TimeSpan openFor, TimeProvider time)
{
    private readonly Lock _lock = new();
    private int _failures;
    private DateTimeOffset _openUntil;
    private bool _trialInFlight;

    public OkxCircuitState State
    {
        get
        {
            lock (_lock)
                return CurrentState();
        }
    }

    /// <summary>Raised (outside the lock) when the breaker opens or closes.</summary>
    public event Action<OkxCircuitState>? StateChanged;

    /// <summary>Throws <see cref="OkxApiException"/> (CircuitOpen) while open; lets one trial through when half-open.</summary>
    public void EnsureCallAllowed(string endpoint)
    {
        lock (_lock)
        {
            switch (CurrentState())
            {
                case OkxCircuitState.Closed:
                    return;
                case OkxCircuitState.HalfOpen when !_trialInFlight:
                    _trialInFlight = true;
                    return;
                default:
                    var wait = _openUntil - time.GetUtcNow();
                    throw new OkxApiException(OkxErrorKind.CircuitOpen, "",
                        $"circuit breaker open after {_failures} consecutive failures; next try in {Math.Max(0, wait.TotalSeconds):0.#} s", endpoint);
            }
        }
    }

    public void RecordSuccess()
    {
        bool closed;
        lock (_lock)
        {
            closed = _failures >= threshold;
            _failures = 0;
            _trialInFlight = false;
        }
        if (closed)
            StateChanged?.Invoke(OkxCircuitState.Closed);
    }

    public void RecordFailure()
    {
        bool opened;
        lock (_lock)
        {
            _failures++;
            _trialInFlight = false;
            opened = _failures >= threshold;
            if (opened)
                _openUntil = time.GetUtcNow() + openFor;
        }
        if (opened)
            StateChanged?.Invoke(OkxCircuitState.Open);
    }

    private OkxCircuitState CurrentState() =>
        _failures < threshold ? OkxCircuitState.Closed
        : time.GetUtcNow() >= _openUntil ? OkxCircuitState.HalfOpen
        : OkxCircuitState.Open;
}
