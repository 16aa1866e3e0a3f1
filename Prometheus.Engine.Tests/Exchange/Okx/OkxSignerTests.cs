using Prometheus.Engine.Exchange.Okx;

namespace Prometheus.Engine.Tests.Exchange.Okx;

public class OkxSignerTests
{
    [Fact]
    public void Signs_the_published_test_vector()
    {
        // The vector published with a well-known OKX client library (its odd timestamp included).
        const string prehash = "2020-12-08T09:08:57.57ZPOST/api/v5/account/balance{\"instId\":\"BTC-USDT\",\"lever\":\"5\",\"mgnMode\":\"isolated\"}";

        Assert.Equal("SQ8OzSqaLcC5tF3MMKwonxGUXwGfGPkM60flrI/UJjo=", OkxSigner.Sign("22582BD0CFF14C41EDBF1AB98506286D", prehash));
        Assert.Equal(prehash, OkxSigner.RestPrehash("2020-12-08T09:08:57.57Z", "post", "/api/v5/account/balance",
            "{\"instId\":\"BTC-USDT\",\"lever\":\"5\",\"mgnMode\":\"isolated\"}"));
    }

    [Fact]
    public void Timestamps_are_ISO_8601_UTC_with_milliseconds()
    {
        var time = new DateTimeOffset(2024, 3, 5, 7, 8, 9, 10, TimeSpan.FromHours(2));

        Assert.Equal("2024-03-05T05:08:09.010Z", OkxSigner.FormatTimestamp(time));
        Assert.True(OkxSigner.TryParseTimestamp("2024-03-05T05:08:09.010Z", out var parsed));
        Assert.Equal(time, parsed);
        Assert.True(OkxSigner.TryParseTimestamp("2020-12-08T09:08:57.57Z", out _));
        Assert.False(OkxSigner.TryParseTimestamp("1700000000", out _));
    }

    [Fact]
    public void The_query_string_is_part_of_what_is_signed()
    {
        var withQuery = OkxSigner.RestPrehash("t", "GET", "/api/v5/trade/order?instId=BTC-USDT&clOrdId=p1x1", "");

        Assert.Equal("tGET/api/v5/trade/order?instId=BTC-USDT&clOrdId=p1x1", withQuery);
        Assert.NotEqual(OkxSigner.Sign("s", withQuery), OkxSigner.Sign("s", "tGET/api/v5/trade/order"));
    }

    [Fact]
    public void WebSocket_login_signs_unix_seconds_GET_and_the_verify_path()
    {
        var credentials = new OkxCredentials("key", "secret", "pass");

        Assert.Equal("1538054050GET/users/self/verify", OkxSigner.WebSocketLoginPrehash("1538054050"));
        Assert.Equal(OkxSigner.Sign("secret", "1538054050GET/users/self/verify"), OkxSigner.SignWebSocketLogin(credentials, "1538054050"));
    }
}
