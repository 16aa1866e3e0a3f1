using Microsoft.Extensions.Options;
using Prometheus.Engine.Backtest;
using Prometheus.Engine.Exchange.Simulated;
using Prometheus.Engine.Market;
using Prometheus.Web.Configuration;
using Prometheus.Web.Hosting;

namespace Prometheus.Web.ExchangeSim;

/// <summary>
/// Builds the exchange-sim web host: the simulated exchange served over OKX V5's REST paths and WebSockets.
/// Its state lives in &lt;Prometheus:DataDir&gt;/exchange-sim.db (committed before any answer); its market is the
/// replayed candle file (Prometheus:Sim). Entry point for the verb and for tests (port 0, in-process).
/// </summary>
public static class ExchangeSimHost
{
    public const string DefaultUrl = "http://127.0.0.1:5100";
    public const string StoreFileName = "exchange-sim.db";

    /// <param name="args">Host arguments: --urls, --Some:Key=value ...</param>
    /// <param name="overrides">Configuration values above every other source (tests).</param>
    /// <param name="time">The server's clock (orders, fills, signature timestamps); the system clock by default.</param>
    public static WebApplication Build(string[] args, IEnumerable<KeyValuePair<string, string?>>? overrides = null, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (overrides is not null)
            builder.Configuration.AddInMemoryCollection(overrides);
        builder.AddPrometheusLogging();
        builder.Services.AddPrometheusOptions(builder.Configuration);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton(Create);
        builder.Services.AddHostedService<SimPacer>();
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
            builder.WebHost.UseUrls(DefaultUrl);

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = SimLastResort.AnswerAsync });
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });   // OKX's heartbeat is the text ping
        app.Use(ExchangeSimMiddleware.InvokeAsync);
        SimPublicEndpoints.Map(app);
        SimAccountEndpoints.Map(app);
        SimTradeEndpoints.Map(app);
        SimFundingEndpoints.Map(app);
        SimWebSocketEndpoint.Map(app);
        app.MapFallback(() => SimHttp.Error("404", "Not Found", StatusCodes.Status404NotFound));
        return app;
    }

    private static ExchangeSimServer Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ExchangeSimOptions>>().Value;
        var exchangeOptions = services.GetRequiredService<IOptions<SimulatedExchangeOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var dataDir = DataDirectory.Resolve(services.GetRequiredService<IConfiguration>());
        // Swaps pay funding as on OKX: the shipped recorded rates, Prometheus:Backtest:DefaultFundingRate elsewhere.
        var funding = ShippedData.FundingRates(services.GetRequiredService<IOptions<BacktestOptions>>().Value.DefaultFundingRate);
        // It lists what the engine trades (Prometheus:Mastermind:Instruments, specs from the instrument catalog).
        var instruments = services.GetRequiredService<Prometheus.Engine.Configuration.EngineOptions>().Listed;
        var exchange = SimulatedExchange.Open(Path.Combine(dataDir, StoreFileName), exchangeOptions, time, new Random(options.Seed), instruments, funding);
        try
        {
            var lastBar = exchange.Instruments.Max(i => exchange.LastBar(i.InstId)?.TimestampMs);
            var finer = options.FinerSeriesPath is { } finerPath ? CandleFileReader.Read(finerPath) : null;
            var mark = options.MarkSeriesPath is { } markPath ? CandleFileReader.Read(markPath, volumeMayBeEmpty: true) : null;
            var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
            var logger = services.GetRequiredService<ILogger<ExchangeSimServer>>();
            if (options.Series is not { Length: > 0 } series)
                return new ExchangeSimServer(exchange, new SimMarket(CandleFileReader.Read(options.DataPath), options.Speed, nowMs, lastBar, finer, mark),
                    new SimAlgoBook(dataDir), options, time, logger, funding);

            // A series per instrument: a market per series (instruments of one coin share theirs), all on one calendar.
            // The finer and the recorded mark series belong to the BTC replay: only its market serves them.
            var listed = exchange.Instruments;
            var columns = Engine.ReplayMarket.Columns(series, listed, services.GetRequiredService<Prometheus.Engine.Configuration.EngineOptions>().Instruments);
            var markets = new Dictionary<Candle[], SimMarket>(ReferenceEqualityComparer.Instance);
            var byInstrument = new Dictionary<string, SimMarket>(StringComparer.Ordinal);
            for (var i = 0; i < listed.Count; i++)
            {
                if (!markets.TryGetValue(columns[i], out var market))
                {
                    var btc = listed[i].BaseCcy == "BTC";
                    markets[columns[i]] = market = new SimMarket(columns[i], options.Speed, nowMs, lastBar, btc ? finer : null, btc ? mark : null);
                }
                byInstrument[listed[i].InstId] = market;
            }
            var primary = byInstrument[services.GetRequiredService<Prometheus.Engine.Configuration.EngineOptions>().PrimarySwap.InstId];
            return new ExchangeSimServer(exchange, primary, byInstrument, new SimAlgoBook(dataDir), options, time, logger, funding);
        }
        catch
        {
            exchange.Dispose();
            throw;
        }
    }
}
