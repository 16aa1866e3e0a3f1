namespace Prometheus.Engine.Exchange.Okx;

/// <summary>An OKX envelope {code, msg, data} whose data items were read as <typeparamref name="T"/>.</summary>
public sealed record OkxResponse<T>(string Code, string Msg, IReadOnlyList<T> Data);
