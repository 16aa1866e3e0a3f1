using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Prometheus.Web.Tests.Hosting;
using Xunit.Abstractions;

namespace Prometheus.Web.Tests.Browser;

/// <summary>
/// How much ten open dashboards slow the trading loop. The real `serve` runs unpaced (10,000 bars/s asked: as fast as the
/// loop goes) pinned to CPU 0, so whatever the dashboards cost the server (the circuits, rendering, SignalR, the event
/// pump's loop query) competes with the loop for that one core; Chromium is pinned to CPU 1, since a trader's browser runs
/// on the trader's machine. The engine is paused for the measurement: every cycle still runs (market, indicators, agents'
/// reviews, the status the pages show) but no order is placed, so no durable booking (an fsync each) makes the rate
/// swing with the market. Windows of 0 and 10 open Overview pages alternate, and each 10-page window is compared with the
/// mean of the 0-page windows around it, so the engine's own drift cancels.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TenBrowsersTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(8);
    private const int Rounds = 6;

    [MeasureFact]
    public async Task Ten_open_dashboards_slow_the_engine_loop_by_less_than_5_percent()
    {
        var wrapper = Path.Combine(TempFolder.Create(), "chromium-cpu1");
        await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nexec taskset -c 1 {BrowserSession.Chromium} \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        await using var serve = ServeProcess.Start(TempFolder.Create(), barsPerSecond: 10_000);
        await serve.ReadyAsync();
        using (var pin = Process.Start("taskset", ["-a", "-p", "-c", "0", serve.Id.ToString(CultureInfo.InvariantCulture)]))
            await pin.WaitForExitAsync();

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = wrapper, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = $"http://127.0.0.1:{serve.Port}", ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var first = await context.NewPageAsync();
        await first.SignInAsync(ServeProcess.Token);
        await first.CloseAsync();

        await Task.Delay(TimeSpan.FromSeconds(10)); // warm up: JIT, the first births
        await serve.PostAsync("/api/trading/pause");
        await Task.Delay(TimeSpan.FromSeconds(5));
        var none = new List<double>();
        var ten = new List<double>();
        none.Add(await RateAsync(serve));
        for (var round = 0; round < Rounds; round++)
        {
            var pages = new List<IPage>();
            for (var i = 0; i < 10; i++)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync("/");
                await page.LiveAsync();
                pages.Add(page);
            }
            ten.Add(await RateAsync(serve));
            foreach (var page in pages) await page.CloseAsync();
            await Task.Delay(2_000); // circuits of closed pages are released
            none.Add(await RateAsync(serve));
        }

        var slowdowns = ten.Select((rate, i) => 1 - rate / ((none[i] + none[i + 1]) / 2)).ToList();
        var report = string.Create(CultureInfo.InvariantCulture,
            $"cycles/s with 0 pages: {string.Join(", ", none.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))}; with 10 pages: {string.Join(", ", ten.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))}; slowdown per round: {string.Join(", ", slowdowns.Select(s => s.ToString("P1", CultureInfo.InvariantCulture)))}; mean {slowdowns.Average():P1}, median {Median(slowdowns):P1}");
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(Dashboard.ScreenshotDir, "..", "ten-browsers.txt"), report + "\n");
        Assert.True(slowdowns.Average() < 0.05, report);
    }

    /// <summary>
    /// The same question asked of CPU time, which the machine's other work does not blur: the server paper-trading at its
    /// paced 20 bars/s, its CPU time (user + system, from /proc) per second of wall time with 0 and with 10 open Overview
    /// pages. What ten dashboards cost the server is an upper bound on what they could take from the loop.
    /// </summary>
    [MeasureFact]
    public async Task Ten_open_dashboards_cost_the_server_a_few_percent_of_one_core()
    {
        await using var serve = ServeProcess.Start(TempFolder.Create(), barsPerSecond: 20);
        await serve.ReadyAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserSession.Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = $"http://127.0.0.1:{serve.Port}", ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var first = await context.NewPageAsync();
        await first.SignInAsync(ServeProcess.Token);
        await first.CloseAsync();
        await Task.Delay(TimeSpan.FromSeconds(10));

        var none = new List<double> { await CpuAsync(serve.Id) };
        var ten = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            var pages = new List<IPage>();
            for (var i = 0; i < 10; i++)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync("/");
                await page.LiveAsync();
                pages.Add(page);
            }
            ten.Add(await CpuAsync(serve.Id));
            foreach (var page in pages) await page.CloseAsync();
            await Task.Delay(2_000);
            none.Add(await CpuAsync(serve.Id));
        }

        var extra = ten.Select((cpu, i) => cpu - (none[i] + none[i + 1]) / 2).ToList();
        var report = string.Create(CultureInfo.InvariantCulture,
            $"server CPU ms per s at 20 bars/s with 0 pages: {string.Join(", ", none.Select(c => c.ToString("0", CultureInfo.InvariantCulture)))}; with 10 pages: {string.Join(", ", ten.Select(c => c.ToString("0", CultureInfo.InvariantCulture)))}; ten pages add {extra.Average():0} ms/s ({extra.Average() / 10:0.0} % of one core)");
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(Dashboard.ScreenshotDir, "..", "ten-browsers-cpu.txt"), report + "\n");
        Assert.True(extra.Average() < 50, report);
    }

    /// <summary>The process's CPU time (user + system) per wall second over one window, in ms/s.</summary>
    private static async Task<double> CpuAsync(int pid)
    {
        static double Ticks(int pid)
        {
            // /proc/<pid>/stat: fields after the command's closing parenthesis; utime and stime are the 14th and 15th fields.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        var start = Ticks(pid);
        var watch = Stopwatch.StartNew();
        await Task.Delay(Window);
        var ticks = Ticks(pid) - start;
        return ticks * 10 / watch.Elapsed.TotalSeconds; // 100 ticks a second: one tick is 10 ms
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Cycles per second of the loop over one window, read from the API.</summary>
    private static async Task<double> RateAsync(ServeProcess serve)
    {
        var start = (await serve.GetAsync("/api/status")).GetProperty("cycle").GetInt64();
        var watch = Stopwatch.StartNew();
        await Task.Delay(Window);
        var end = (await serve.GetAsync("/api/status")).GetProperty("cycle").GetInt64();
        return (end - start) / watch.Elapsed.TotalSeconds;
    }
}
