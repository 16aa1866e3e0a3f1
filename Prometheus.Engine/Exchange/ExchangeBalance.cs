namespace Prometheus.Engine.Exchange;

public sealed record ExchangeBalance(string Ccy, decimal Total, decimal Available, decimal Frozen);
