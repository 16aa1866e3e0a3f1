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

// The axis text in the page's muted colour (dark or light theme, read when the chart is made); grid lines grey enough
// for both.
const themed = (element, options) => {
  const muted = getComputedStyle(element).getPropertyValue('--muted').trim();
  const grid = { color: 'rgba(128,128,128,0.12)' };
  return {
    ...options,
    layout: { ...options.layout, textColor: muted || options.layout.textColor },
    grid: { vertLines: grid, horzLines: grid },
  };
};

const toPoints = points => points.map(p => ({ time: p[0], value: p[1] }));

// With options.percent the values are returns in % (each line from its own start): a signed % axis, and every line
// labels its last value on it in its colour.
export function createLines(element, series, options) {
  const percent = options?.percent === true;
  const chart = L().createChart(element, themed(element, percent
    ? { ...theme, localization: { priceFormatter: p => (p > 0 ? '+' : p < 0 ? '−' : '') + Math.abs(p).toFixed(2) + '%' } }
    : theme));
  const lines = new Map();
  const add = s => {
    const line = chart.addSeries(L().LineSeries, {
      color: s.color, lineWidth: s.width ?? 2, title: s.title ?? '', priceLineVisible: s.primary === true,
      lastValueVisible: s.primary === true || percent, priceFormat: { type: 'price', precision: 2, minMove: 0.01 },
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
  const chart = L().createChart(element, themed(element, { ...theme, timeScale: { ...theme.timeScale, timeVisible: false } }));
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

// Candles with volume, Bollinger bands and trade markers, RSI in a pane below. Wheel zooms, drag pans (the library's
// own handling); the markers follow the zoom: of the levels the server clustered (1, 2, 4... bars a bucket) the finest
// that leaves about one marker per 16 px of width is shown.
export function createCandles(element, data) {
  const chart = L().createChart(element, themed(element, {
    ...theme,
    // Low enough to fit three months of 15-minute bars in a page's width.
    timeScale: { ...theme.timeScale, minBarSpacing: 0.05 },
  }));
  const candles = chart.addSeries(L().CandlestickSeries, {
    upColor: '#26a69a', downColor: '#ef5350', borderVisible: false, wickUpColor: '#26a69a', wickDownColor: '#ef5350',
  });
  const volume = chart.addSeries(L().HistogramSeries, {
    priceFormat: { type: 'volume' }, priceScaleId: 'volume', priceLineVisible: false, lastValueVisible: false, title: '',
  });
  // The volume sits in the bottom fifth of the price pane, on a scale of its own.
  chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 }, visible: false });
  candles.priceScale().applyOptions({ scaleMargins: { top: 0.05, bottom: 0.22 } });
  const band = (color, style) => chart.addSeries(L().LineSeries, {
    color, lineWidth: 1, lineStyle: style, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false,
  });
  const upper = band('rgba(144,164,174,0.9)', 0), middle = band('rgba(144,164,174,0.6)', 2), lower = band('rgba(144,164,174,0.9)', 0);
  const rsi = chart.addSeries(L().LineSeries, {
    color: '#ba68c8', lineWidth: 1, priceLineVisible: false, priceFormat: { type: 'price', precision: 1, minMove: 0.1 },
    autoscaleInfoProvider: () => ({ priceRange: { minValue: 0, maxValue: 100 } }),
  }, 1);
  rsi.createPriceLine({ price: 70, color: 'rgba(239,83,80,0.6)', lineWidth: 1, lineStyle: 2, axisLabelVisible: false });
  rsi.createPriceLine({ price: 30, color: 'rgba(102,187,106,0.6)', lineWidth: 1, lineStyle: 2, axisLabelVisible: false });
  // Price three quarters of the height, RSI a quarter (the factors are shares of the whole).
  const panes = chart.panes();
  if (panes.length > 1) { panes[0].setStretchFactor(0.75); panes[1].setStretchFactor(0.25); }
  const markerLayer = L().createSeriesMarkers(candles, []);

  let levels = [], shownLevel = -1;
  const pickLevel = () => {
    if (levels.length === 0) { if (shownLevel !== -1) { markerLayer.setMarkers([]); shownLevel = -1; } return; }
    const range = chart.timeScale().getVisibleLogicalRange();
    const inView = range ? Math.max(1, range.to - range.from) : 1;
    const fits = Math.max(8, element.clientWidth / 16);
    let index = levels.findIndex(l => inView / l.bars <= fits);
    if (index < 0) index = levels.length - 1;
    if (index === shownLevel) return;
    shownLevel = index;
    markerLayer.setMarkers(levels[index].items.map(m => ({
      time: m[0], position: m[1] ? 'belowBar' : 'aboveBar', color: m[1] ? '#66bb6a' : '#ef5350',
      shape: m[1] ? 'arrowUp' : 'arrowDown', text: m[2],
    })));
  };
  chart.timeScale().subscribeVisibleLogicalRangeChange(pickLevel);

  const line = points => points.map(p => ({ time: p[0], value: p[1] }));
  const set = d => {
    candles.setData(d.bars.map(x => ({ time: x[0], open: x[1], high: x[2], low: x[3], close: x[4] })));
    volume.setData(d.volume.map(x => ({ time: x[0], value: x[1], color: x[2] ? 'rgba(38,166,154,0.45)' : 'rgba(239,83,80,0.45)' })));
    upper.setData(line(d.bands.upper));
    middle.setData(line(d.bands.middle));
    lower.setData(line(d.bands.lower));
    upper.applyOptions({ title: d.bands.label });
    rsi.setData(line(d.rsi.points));
    rsi.applyOptions({ title: d.rsi.label });
    levels = d.markers;
    shownLevel = -1;
    pickLevel();
  };
  set(data);
  chart.timeScale().fitContent();
  return {
    set: d => set(d),
    // A new range: show all of it.
    reset: d => { set(d); chart.timeScale().fitContent(); },
    dispose: () => chart.remove(),
  };
}
