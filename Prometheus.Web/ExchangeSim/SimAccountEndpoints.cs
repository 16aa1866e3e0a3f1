using Prometheus.Engine.Exchange;
using Prometheus.Engine.Exchange.Okx;
using Prometheus.Engine.Exchange.Okx.Wire;
using Prometheus.Engine.Exchange.Simulated;

namespace Prometheus.Web.ExchangeSim;

/// <summary>Private account REST: balance, positions, config, position mode (hedge only), leverage (isolated and cross, one setting each).</summary>
public static class SimAccountEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/api/v5/account").RequireOkxSignature();

        account.MapGet("/balance", (HttpContext context, ExchangeSimServer sim) =>
        {
            var wire = sim.Read(_ => sim.BalanceWire());
            if (SimHttp.Query(context, "ccy") is { } ccys)
            {
                var wanted = ccys.Split(',');
                wire.Details = wire.Details.Where(d => wanted.Contains(d.Ccy)).ToList();
            }
            return SimHttp.Ok([wire]);
        });

        account.MapGet("/positions", (HttpContext context, ExchangeSimServer sim) =>
        {
            var instType = SimHttp.Query(context, "instType");
            var instId = SimHttp.Query(context, "instId");
            if (instType is not null and not "SWAP")
                return SimHttp.Ok([]);
            return SimHttp.Ok(sim.Read(_ => sim.PositionsWire(instId, includeFlat: false)));
        });

        account.MapGet("/config", () => SimHttp.Ok([new OkxAccountConfigWire
        {
            AcctLv = "2", CtIsoMode = "automatic", GreeksType = "PA", KycLv = "2", Label = "exchange-sim", Level = "Lv1",
            LiquidationGear = "-1", MainUid = SimPushHub.Uid, MgnIsoMode = "automatic", OpAuth = "0", Perm = "read_only,trade",
            PosMode = "long_short_mode", RoleType = "0", SpotRoleType = "0", Uid = SimPushHub.Uid,
        }]));

        account.MapPost("/set-position-mode", (HttpContext context) =>
        {
            if (SimHttp.ReadObject(context, out var body) is { } invalid)
                return invalid;
            var mode = SimHttp.Field(body, "posMode");
            return mode switch
            {
                "long_short_mode" => SimHttp.Ok([new OkxPositionModeWire { PosMode = mode }]),
                null or "" => SimHttp.Error(OkxErrorCodes.ParameterEmpty, "Parameter posMode cannot be empty."),
                _ => SimHttp.Error(OkxErrorCodes.ParameterError, "Parameter posMode error: the simulated exchange trades in long_short_mode only."),
            };
        });

        account.MapPost("/set-leverage", SetLeverage);
    }

    private static IResult SetLeverage(HttpContext context, ExchangeSimServer sim)
    {
        if (SimHttp.ReadObject(context, out var body) is { } invalid)
            return invalid;
        var instId = SimHttp.Field(body, "instId");
        var mgnMode = SimHttp.Field(body, "mgnMode");
        var posSide = SimHttp.Field(body, "posSide");
        if (string.IsNullOrEmpty(instId) || string.IsNullOrEmpty(mgnMode) || string.IsNullOrEmpty(SimHttp.Field(body, "lever")))
            return SimHttp.Error(OkxErrorCodes.ParameterEmpty, "Parameter instId, lever and mgnMode cannot be empty.");
        if (!SimHttp.TryDecimal(SimHttp.Field(body, "lever"), out var lever))
            return SimHttp.Error(OkxErrorCodes.ParameterError, "Parameter lever error");
        if (ExchangeSimServer.ParseMgnMode(mgnMode) is not { } mode)
            return SimHttp.Error(OkxErrorCodes.ParameterError, "Parameter mgnMode error: isolated or cross.");
        PositionSide[] sides = posSide switch
        {
            "long" => [PositionSide.Long],
            "short" => [PositionSide.Short],
            null or "" => [PositionSide.Long, PositionSide.Short],
            _ => [],
        };
        if (sides.Length == 0)
            return SimHttp.Error(OkxErrorCodes.ParameterError, "Parameter posSide error");
        // Both sides at once when posSide is absent: set on both, or refused and set on neither.
        var ack = sim.Run(exchange => exchange.SetLeverageAsync(instId, sides, lever, mode).Result);
        if (!ack.Accepted)
            return SimHttp.Error(ack.Code, ack.Message);
        return SimHttp.Ok([new OkxLeverageWire { InstId = instId, Lever = OkxJson.Format(lever), MgnMode = mgnMode, PosSide = posSide ?? "" }]);
    }
}
