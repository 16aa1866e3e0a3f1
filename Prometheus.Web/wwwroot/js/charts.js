// Charts through lightweight-charts 5 (window.LightweightCharts, loaded by App.razor). Blazor imports this module and
// keeps the returned handle: a chart is created once and then only receives new points, so a live page sends a few
// bytes a second instead of redrawing a curve.
const L = () => window.LightweightCharts;

const theme = {
  layout: { background: { color: 'transparent' }, textColor: '#b0bec5', fontSize: 12, attributionLogo: true },
  grid: { vertLines: { color: 'rgba(255,255,255,0.05)' }, horzLines: { color: 'rgba(255,255,255,0.05)' } },
  rightPriceScale: { borderColor: 'rgba(255,255,255,0.15)' },
  timeScale: { borderColor: 'rgba(255,255,255,0.15)', timeVisible: true, secondsVisible: false },
  crosshair: { mode: 0 },
  // USDT as everywhere else on the pages: thousands separators and 2 decimals.
  localization: { priceFormatter: p => p.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) },
  autoSize: true,
};

const toPoints = points => points.map(p => ({ time: p[0], value: p[1] }));

export function createLines(element, series) {
  const chart = L().createChart(element, theme);
  const lines = new Map();
  const add = s => {
    const line = chart.addSeries(L().LineSeries, {
      color: s.color, lineWidth: s.width ?? 2, title: s.title ?? '', priceLineVisible: s.primary === true,
      lastValueVisible: s.primary === true, priceFormat: { type: 'price', precision: 2, minMove: 0.01 },
    });
    line.setData(toPoints(s.points));
    lines.set(s.name, line);
  };
  series.forEach(add);
  chart.timeScale().fitContent();
  return {
    append: (name, time, value) => { const line = lines.get(name); if (line) line.update({ time, value }); },
    set: s => { const old = lines.get(s.name); if (old) chart.removeSeries(old); add(s); },
    remove: name => { const line = lines.get(name); if (line) { chart.removeSeries(line); lines.delete(name); } },
    fit: () => chart.timeScale().fitContent(),
    dispose: () => chart.remove(),
  };
}

// Bars above or below zero (profit per day, week or month), green for a gain and red for a loss.
export function createBars(element, bars) {
  const chart = L().createChart(element, { ...theme, timeScale: { ...theme.timeScale, timeVisible: false } });
  const series = chart.addSeries(L().HistogramSeries, { priceFormat: { type: 'price', precision: 2, minMove: 0.01 }, priceLineVisible: false });
  const set = b => {
    series.setData(b.map(x => ({ time: x[0], value: x[1], color: x[1] >= 0 ? '#26a69a' : '#ef5350' })));
    chart.timeScale().fitContent();
  };
  set(bars);
  return {
    set: b => set(b),
    dispose: () => chart.remove(),
  };
}

export function createCandles(element, candles, markers) {
  const chart = L().createChart(element, theme);
  const series = chart.addSeries(L().CandlestickSeries, {
    upColor: '#26a69a', downColor: '#ef5350', borderVisible: false, wickUpColor: '#26a69a', wickDownColor: '#ef5350',
  });
  const markerLayer = L().createSeriesMarkers(series, []);
  const set = (c, m) => {
    series.setData(c.map(x => ({ time: x[0], open: x[1], high: x[2], low: x[3], close: x[4] })));
    markerLayer.setMarkers(m.map(x => ({
      time: x.time, position: x.buy ? 'belowBar' : 'aboveBar', color: x.buy ? '#66bb6a' : '#ef5350',
      shape: x.buy ? 'arrowUp' : 'arrowDown', text: x.text,
    })));
  };
  set(candles, markers);
  chart.timeScale().fitContent();
  return {
    set: (c, m) => set(c, m),
    dispose: () => chart.remove(),
  };
}
