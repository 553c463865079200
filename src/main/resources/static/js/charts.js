// Panel renderers, one per chart type of a dashboard file. Each takes the panel's <section>, its definition (from
// GET /api/dashboards/{id}), its data (from the panel API) and the page context, draws into the section's
// .panel-body and resolves to 'ready' or 'empty'. The page looks a renderer up by the definition's `chart` field;
// a new chart type is one more entry in RENDERERS (or registerRenderer from another module).
//
// Panel data fields read here: columns [{id, kind: dimension|metric, label {zh,en}, unit {zh,en}, format, decimals}]
// (format and decimals: how the catalogue shows the column's numbers, see number()), rows [[…]] in
// column order, labels {dimensionId: [{code, label {zh,en}}]} in display order, filters {from, to} (yyyy-MM).
// Optional, used when present: compare {metricId: {value, previous, year_ago}} for KPI cards, `better`
// (higher|lower) on a metric column or on the panel definition.

const TIME_DIMS = ['day', 'date', 'week', 'month', 'quarter', 'year'];
const MONTH = /^\d{4}-\d{2}$/;
/** Units whose values add up over time; a KPI of any other unit (%, 天) shows its latest period instead. */
const ADDITIVE_UNITS = ['件', '次', '个', '家', '人', '起', '元', '万元', '条', '项', '处', '份', ''];
const GOOD_COLOUR = '#2e7d32';
const BAD_COLOUR = '#c62828';

const RENDERERS = {
  line: drawTrend,
  stacked_bar: drawTrend,
  bar_ranking: drawRanking,
  heatmap: drawHeatmap,
  pie: drawPie,
  funnel: drawFunnel,
  kpi: drawKpi,
  table: drawTable,
};

export function registerRenderer(chart, renderer) {
  RENDERERS[chart] = renderer;
}

export function rendererFor(chart) {
  return RENDERERS[chart] ?? null;
}

export function isTimeDimension(id) {
  return TIME_DIMS.includes(id);
}

/** Disposes every chart of the page, e.g. before redrawing in another theme. */
export function disposeCharts(scope = document) {
  for (const element of scope.querySelectorAll('.chart')) {
    echarts.getInstanceByDom(element)?.dispose();
  }
}

export function resizeCharts(scope = document) {
  for (const element of scope.querySelectorAll('.chart')) {
    echarts.getInstanceByDom(element)?.resize();
  }
}

/**
 * Fits every chart to its box and paints it before returning, without animation. For printing: the browser lays
 * the page out for paper and prints it in one go, before the frame in which a plain resize would paint. On paper
 * (`print`) the "save as image" button is left out.
 */
export function redrawChartsNow(scope = document, print = false) {
  for (const element of scope.querySelectorAll('.chart')) {
    const chart = echarts.getInstanceByDom(element);
    if (chart) {
      if (chart.getOption().toolbox?.length) {
        chart.setOption({ toolbox: { show: !print } }, { silent: true });
      }
      chart.resize({ animation: { duration: 0 } });
      chart.getZr().flush();
    }
  }
}

// ---- shared helpers --------------------------------------------------------------------------------------------

function dims(data) {
  return data.columns.map((c, index) => ({ ...c, index })).filter((c) => c.kind === 'dimension');
}

function metrics(data) {
  return data.columns.map((c, index) => ({ ...c, index })).filter((c) => c.kind === 'metric');
}

function tr(label, ctx) {
  if (label == null) {
    return '';
  }
  return typeof label === 'string' ? label : (label[ctx.lang] ?? label.zh ?? '');
}

/** Code → label for a coded dimension, its members in display order. */
function memberLabels(data, dimId, ctx) {
  return new Map((data.labels?.[dimId] ?? []).map((m) => [String(m.code), tr(m.label, ctx)]));
}

function valueLabel(data, dim, value, ctx) {
  if (value == null) {
    return '—';
  }
  if (dim.decimals != null && typeof value === 'number') {
    return number(value, ctx, dim);
  }
  const label = memberLabels(data, dim.id, ctx).get(String(value));
  if (label) {
    return label;
  }
  if (dim.id === 'month' && MONTH.test(String(value))) {
    return monthLong(String(value), ctx);
  }
  return String(value);
}

/** The values of a dimension to lay out on an axis: every month of the range for months, else as they occur. */
function axisValues(data, dim) {
  if (dim.id === 'month' && data.filters && MONTH.test(data.filters.from) && MONTH.test(data.filters.to)) {
    return monthsBetween(data.filters.from, data.filters.to);
  }
  const order = (data.labels?.[dim.id] ?? []).map((m) => String(m.code));
  const seen = [...new Set(data.rows.map((row) => String(row[dim.index])))];
  if (order.length) {
    return order.filter((code) => seen.includes(code)).concat(seen.filter((code) => !order.includes(code)));
  }
  return isTimeDimension(dim.id) ? seen.sort() : seen;
}

/**
 * A number as the page shows it: the one rule for every value, label, tooltip and card, the same as CSV and XLSX
 * (unit and precision are declared once, in the catalogue). `display` is a column of the panel data, or anything
 * with its `format` and `decimals`: a raw 0–1 ratio (format `ratio`) is shown in percent (dashboard.js hands the
 * renderers ratios already in percent, format `percent`), always with `decimals` decimals and thousands separators.
 * Without decimals (a number the catalogue does not know) whole numbers show none, others one.
 */
export function number(value, ctx, display) {
  if (value == null || value === '' || Number.isNaN(Number(value))) {
    return '—';
  }
  const n = Number(value) * (display?.format === 'ratio' ? 100 : 1);
  const fraction = display?.decimals ?? (Number.isInteger(n) ? 0 : 1);
  return n.toLocaleString(ctx.lang === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: fraction, minimumFractionDigits: fraction });
}

/** A share or a relative change, in percent to one decimal (funnel stages, KPI changes). */
const SHARE = { format: 'percent', decimals: 1 };

/**
 * Colour scales by meaning (the catalogue's `better` of the metric), low to high: good is calm (green, blue), bad is
 * warm (orange, red). A village that did all its checks is green, not alarm-red; one with many overdue hazards is red.
 */
const SCALES = {
  higher: ['#d73027', '#fc8d59', '#fee08b', '#91cf60', '#1a9850'],
  lower: ['#f7fcf5', '#fee08b', '#fc8d59', '#d73027'],
  neutral: ['#eff3ff', '#9ecae1', '#4292c6', '#08519c'],
};

/**
 * Text made safe for an HTML tooltip: ECharts draws a formatter's string as HTML, and labels come from ledgers (a
 * village named `<img onerror=…>` must read as text). Canvas labels need no escaping; every HTML formatter does.
 */
export function html(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** ECharts' tooltip `valueFormatter` for one column's values. */
function formatterOf(column, ctx) {
  return (value) => number(value, ctx, column);
}

function withUnit(metric, ctx) {
  const unit = tr(metric.unit, ctx);
  return unit ? `${tr(metric.label, ctx)}(${unit})` : tr(metric.label, ctx);
}

function chartElement(panel, className = 'chart') {
  const body = panel.querySelector('.panel-body');
  let element = body.querySelector(`:scope > .${className.split(' ')[0]}`);
  if (!element) {
    element = document.createElement('div');
    element.className = className;
    element.setAttribute('role', 'img');
    element.setAttribute('aria-label', panel.dataset.title ?? '');
    body.replaceChildren(element);
  }
  element.hidden = false;
  return element;
}

function chartOf(element, ctx) {
  const theme = ctx.theme === 'dark' ? 'dark' : 'light';
  let instance = echarts.getInstanceByDom(element);
  if (instance && element.dataset.theme !== theme) {
    instance.dispose();
    instance = null;
  }
  if (!instance) {
    instance = echarts.init(element, theme === 'dark' ? 'dark' : null,
        { renderer: 'canvas', locale: ctx.lang === 'en' ? 'EN' : 'ZH' });
    element.dataset.theme = theme;
  }
  return instance;
}

function common(panel, ctx, trigger = 'axis') {
  const dark = ctx.theme === 'dark';
  return {
    aria: { enabled: true, decal: { show: false } },
    backgroundColor: 'transparent',
    animationDuration: 300,
    textStyle: { fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif' },
    toolbox: {
      right: 0,
      top: 0,
      feature: {
        saveAsImage: {
          title: ctx.text.saveImage, name: panel.dataset.title, pixelRatio: 2,
          backgroundColor: dark ? '#161d27' : '#ffffff',
        },
      },
    },
    tooltip: trigger === 'axis'
      ? { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true }
      : { trigger: 'item', confine: true },
  };
}

function setOption(element, option, ctx) {
  const instance = chartOf(element, ctx);
  instance.setOption(option, { notMerge: true });
  instance.resize();
  return instance;
}

/** Wires clicks on a chart to the drill target of the dimension they hit; pointer cursor only where it leads. */
function onDrill(instance, ctx, codeOf) {
  instance.off('click');
  instance.on('click', (event) => {
    const hit = codeOf(event);
    if (hit && hit.code != null) {
      const url = ctx.drillUrl(hit.dim, hit.code);
      if (url) {
        ctx.navigate(url);
      }
    }
  });
}

// ---- line and stacked bar -------------------------------------------------------------------------------------

/** Time (or the first dimension) along x; a second dimension as series, else one series per metric. */
function drawTrend(panel, def, data, ctx) {
  const ds = dims(data);
  const ms = metrics(data);
  const xDim = ds.find((d) => isTimeDimension(d.id)) ?? ds[0];
  const seriesDim = ds.find((d) => d !== xDim);
  const xs = xDim ? axisValues(data, xDim) : [''];
  const line = def.chart === 'line';
  let series;
  if (seriesDim) {
    const metric = ms[0];
    const values = new Map(data.rows.map((row) => [`${row[xDim.index]}|${row[seriesDim.index]}`, row[metric.index]]));
    series = axisValues(data, seriesDim).map((code) => ({
      type: line ? 'line' : 'bar',
      stack: line ? undefined : 'total',
      name: valueLabel(data, seriesDim, code, ctx),
      emphasis: { focus: 'series' },
      tooltip: { valueFormatter: formatterOf(metric, ctx) },
      data: xs.map((x) => values.get(`${x}|${code}`) ?? 0),
    }));
  } else {
    const percentAxis = ms.length > 1 && ms.some((m) => tr(m.unit, ctx) === '%') && ms.some((m) => tr(m.unit, ctx) !== '%');
    series = ms.map((metric) => {
      const values = new Map(data.rows.map((row) => [String(xDim ? row[xDim.index] : ''), row[metric.index]]));
      const percent = percentAxis && tr(metric.unit, ctx) === '%';
      return {
        type: line || percent ? 'line' : 'bar',
        stack: line || percent || ms.length === 1 ? undefined : 'total',
        yAxisIndex: percent ? 1 : 0,
        name: tr(metric.label, ctx),
        emphasis: { focus: 'series' },
        tooltip: { valueFormatter: formatterOf(metric, ctx) },
        data: xs.map((x) => values.get(x) ?? (xDim?.id === 'month' ? 0 : null)),
      };
    });
  }
  const monthly = xDim?.id === 'month';
  markPartialMonth(series, xs, monthly, ctx);
  const yAxes = [{ type: 'value', name: ms.length === 1 || seriesDim ? withUnit(ms[0], ctx) : '', minInterval: 1, nameTextStyle: { align: 'left' } }];
  if (series.some((s) => s.yAxisIndex === 1)) {
    yAxes.push({ type: 'value', name: '%', splitLine: { show: false } });
  }
  const base = common(panel, ctx);
  const instance = setOption(chartElement(panel), {
    ...base,
    // the legend has the top line to itself (its page buttons at the end); the save-as-image icon sits below it
    legend: { type: 'scroll', top: 0, left: 0, right: 0, pageIconSize: 10 },
    toolbox: { ...base.toolbox, top: 30 },
    grid: { left: 8, right: 16, top: 64, bottom: 28, containLabel: true },
    xAxis: {
      type: 'category',
      name: xDim ? tr(xDim.label, ctx) : '',
      nameLocation: 'middle',
      nameGap: 40,
      data: xs,
      axisLabel: {
        hideOverlap: true,
        formatter: monthly ? (value, index) => monthLabel(value, index, ctx) : (value) => valueLabel(data, xDim, value, ctx),
      },
    },
    yAxis: yAxes.length === 1 ? yAxes[0] : yAxes,
    series,
  }, ctx);
  onDrill(instance, ctx, (event) => {
    if (seriesDim && ctx.drillUrl(seriesDim.id, 'probe')) {
      const code = axisValues(data, seriesDim)[event.seriesIndex];
      return { dim: seriesDim.id, code };
    }
    if (xDim && ctx.drillUrl(xDim.id, 'probe')) {
      return { dim: xDim.id, code: xs[event.dataIndex] };
    }
    return null;
  });
  return 'ready';
}

// ---- ranking ----------------------------------------------------------------------------------------------------

/** One horizontal bar per member of the (first non-time) dimension, in the panel's sort order, largest on top. */
function drawRanking(panel, def, data, ctx) {
  const ds = dims(data);
  const dim = ds.find((d) => !isTimeDimension(d.id)) ?? ds[0];
  const metric = metrics(data)[0];
  const codes = data.rows.map((row) => row[dim.index]);
  const names = codes.map((code) => valueLabel(data, dim, code, ctx));
  const element = chartElement(panel);
  element.style.height = `${Math.max(260, 80 + 28 * names.length)}px`;
  const drillable = Boolean(ctx.drillUrl(dim.id, 'probe'));
  const instance = setOption(element, {
    ...common(panel, ctx),
    grid: { left: 8, right: 48, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: withUnit(metric, ctx), nameLocation: 'middle', nameGap: 24, minInterval: 1, position: 'top' },
    yAxis: {
      type: 'category', name: tr(dim.label, ctx), data: names, inverse: true,
      axisLabel: { width: 110, overflow: 'truncate' }, triggerEvent: drillable,
    },
    series: [{
      type: 'bar',
      name: tr(metric.label, ctx),
      data: data.rows.map((row) => row[metric.index]),
      label: { show: true, position: 'right', formatter: (p) => number(p.value, ctx, metric) },
      tooltip: { valueFormatter: formatterOf(metric, ctx) },
      cursor: drillable ? 'pointer' : 'default',
    }],
  }, ctx);
  element.dataset.codes = JSON.stringify(codes);
  onDrill(instance, ctx, (event) => {
    const index = event.componentType === 'yAxis' ? names.indexOf(event.value) : event.dataIndex;
    return drillable && index >= 0 ? { dim: dim.id, code: codes[index] } : null;
  });
  return 'ready';
}

// ---- heatmap ----------------------------------------------------------------------------------------------------

/** Time across, the other dimension (e.g. village) down, colour by the first metric. */
function drawHeatmap(panel, def, data, ctx) {
  const ds = dims(data);
  const metric = metrics(data)[0];
  const xDim = ds.find((d) => isTimeDimension(d.id)) ?? ds[0];
  const yDim = ds.find((d) => d !== xDim) ?? xDim;
  const xs = axisValues(data, xDim);
  const ys = axisValues(data, yDim);
  const xIndex = new Map(xs.map((x, i) => [x, i]));
  const yIndex = new Map(ys.map((y, i) => [y, i]));
  const cells = [];
  let max = 0;
  for (const row of data.rows) {
    const x = xIndex.get(String(row[xDim.index]));
    const y = yIndex.get(String(row[yDim.index]));
    const value = row[metric.index];
    if (x != null && y != null && value != null) {
      cells.push([x, y, value]);
      max = Math.max(max, Number(value));
    }
  }
  const element = chartElement(panel);
  element.style.height = `${Math.max(300, 130 + 26 * ys.length)}px`;
  const drillable = Boolean(ctx.drillUrl(yDim.id, 'probe'));
  const instance = setOption(element, {
    ...common(panel, ctx, 'item'),
    tooltip: {
      trigger: 'item', confine: true,
      formatter: (p) => `${html(valueLabel(data, yDim, ys[p.value[1]], ctx))}<br>${html(valueLabel(data, xDim, xs[p.value[0]], ctx))}: `
          + `<b>${number(p.value[2], ctx, metric)}</b> ${html(tr(metric.unit, ctx))}`,
    },
    grid: { left: 8, right: 16, top: 36, bottom: 64, containLabel: true },
    xAxis: {
      type: 'category', data: xs, splitArea: { show: true },
      axisLabel: { hideOverlap: true, formatter: xDim.id === 'month' ? (v, i) => monthLabel(v, i, ctx) : (v) => valueLabel(data, xDim, v, ctx) },
    },
    yAxis: {
      type: 'category', data: ys.map((y) => valueLabel(data, yDim, y, ctx)), inverse: true, splitArea: { show: true },
      axisLabel: { width: 110, overflow: 'truncate' }, triggerEvent: drillable,
    },
    visualMap: {
      min: 0, max: Math.max(1, max), calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
      inRange: { color: SCALES[metric.better] ?? SCALES.neutral },
      itemHeight: 120, text: [number(Math.max(1, max), ctx, metric), number(0, ctx, metric)],
      formatter: (value) => number(value, ctx, metric),
    },
    series: [{
      type: 'heatmap', name: tr(metric.label, ctx), data: cells,
      label: { show: xs.length <= 12 && ys.length <= 30, formatter: (p) => number(p.value[2], ctx, metric) },
      emphasis: { itemStyle: { shadowBlur: 6 } },
      cursor: drillable ? 'pointer' : 'default',
    }],
  }, ctx);
  onDrill(instance, ctx, (event) => {
    if (!drillable) {
      return null;
    }
    const index = event.componentType === 'yAxis'
      ? ys.findIndex((y) => valueLabel(data, yDim, y, ctx) === event.value) : event.value?.[1];
    return index != null && index >= 0 ? { dim: yDim.id, code: ys[index] } : null;
  });
  return 'ready';
}

// ---- pie --------------------------------------------------------------------------------------------------------

function drawPie(panel, def, data, ctx) {
  const dim = dims(data)[0];
  const metric = metrics(data)[0];
  const codes = data.rows.map((row) => (dim ? row[dim.index] : tr(metric.label, ctx)));
  const drillable = dim && Boolean(ctx.drillUrl(dim.id, 'probe'));
  const instance = setOption(chartElement(panel), {
    ...common(panel, ctx, 'item'),
    tooltip: { trigger: 'item', confine: true, formatter: (p) => `${html(p.name)}: <b>${number(p.value, ctx, metric)}</b> ${html(tr(metric.unit, ctx))} (${number(p.percent, ctx, SHARE)}%)` },
    legend: { type: 'scroll', bottom: 0, left: 0, right: 0 },
    series: [{
      type: 'pie',
      name: tr(metric.label, ctx),
      radius: ['35%', '62%'],
      center: ['50%', '46%'],
      avoidLabelOverlap: true,
      percentPrecision: SHARE.decimals,
      label: { formatter: '{b}\n{d}%' },
      data: data.rows.map((row, i) => ({ name: dim ? valueLabel(data, dim, codes[i], ctx) : codes[i], value: row[metric.index] })),
      cursor: drillable ? 'pointer' : 'default',
    }],
  }, ctx);
  onDrill(instance, ctx, (event) => (drillable ? { dim: dim.id, code: codes[event.dataIndex] } : null));
  return 'ready';
}

// ---- funnel -----------------------------------------------------------------------------------------------------

/**
 * Stages in order: the metrics of a one-row answer (found → rectified → closed), or the members of the panel's only
 * dimension (ladder stage 1 → 2 → 3). Each stage shows its share of the first.
 */
function drawFunnel(panel, def, data, ctx) {
  const ds = dims(data);
  const ms = metrics(data);
  let stages;
  if (ds.length === 0) {
    const row = data.rows[0];
    stages = ms.map((m) => ({ name: tr(m.label, ctx), value: Number(row[m.index] ?? 0), column: m }));
  } else {
    stages = data.rows.map((row) => ({ name: valueLabel(data, ds[0], row[ds[0].index], ctx), value: Number(row[ms[0].index] ?? 0), column: ms[0] }));
  }
  const first = stages[0]?.value || 0;
  setOption(chartElement(panel), {
    ...common(panel, ctx, 'item'),
    tooltip: {
      trigger: 'item', confine: true,
      formatter: (p) => `${html(p.name)}: <b>${number(p.value, ctx, stages[p.dataIndex]?.column)}</b>${first ? ` (${number((100 * p.value) / first, ctx, SHARE)}%)` : ''}`,
    },
    legend: { show: false },
    series: [{
      type: 'funnel',
      name: panel.dataset.title,
      sort: 'none',
      left: '10%', right: '10%', top: 36, bottom: 8,
      minSize: '8%',
      gap: 2,
      label: {
        show: true, position: 'inside',
        formatter: (p) => `${p.name}\n${number(p.value, ctx, stages[p.dataIndex]?.column)}${first && p.dataIndex ? ` · ${number((100 * p.value) / first, ctx, SHARE)}%` : ''}`,
      },
      data: stages.map(({ name, value }) => ({ name, value })),
    }],
  }, ctx);
  return 'ready';
}

// ---- KPI cards --------------------------------------------------------------------------------------------------

/**
 * One card per metric: the value over the range, its unit, the change against the previous period of the same
 * length and against the same period a year earlier (from the panel data's `compare`, else by asking the panel API
 * for the shifted ranges), coloured by whether more is better, and a sparkline when the panel is by a time grain.
 */
async function drawKpi(panel, def, data, ctx) {
  const ms = metrics(data);
  const time = dims(data).find((d) => isTimeDimension(d.id));
  const body = panel.querySelector('.panel-body');
  const compare = kpisOf(data) ?? data.compare ?? (await fetchComparisons(def, data, ctx));
  const cards = ms.map((metric) => {
    const card = document.createElement('div');
    card.className = 'kpi';
    card.dataset.metric = metric.id;
    const figure = document.createElement('p');
    figure.className = 'kpi-figure';
    const value = document.createElement('span');
    value.className = 'kpi-value';
    const current = compare?.[metric.id]?.value ?? kpiValue(data, metric, time, ctx);
    value.textContent = number(current, ctx, metric);
    const unit = document.createElement('span');
    unit.className = 'kpi-unit';
    unit.textContent = tr(metric.unit, ctx);
    figure.append(value, ' ', unit);
    const name = document.createElement('p');
    name.className = 'kpi-name';
    name.textContent = tr(metric.label, ctx);
    const changes = document.createElement('ul');
    changes.className = 'kpi-changes';
    const better = def.better ?? metric.better;
    const periods = compare?.[metric.id]?.periods ?? {};
    if (!compare?.[metric.id]?.samePeriods) {
      changes.append(changeItem('previous', ctx.text.vsPrevious, current, compare?.[metric.id]?.previous, better, ctx, metric,
        periods.previous));
    }
    changes.append(
      changeItem('year', ctx.text.vsYearAgo, current, compare?.[metric.id]?.year_ago ?? compare?.[metric.id]?.yearAgo, better, ctx, metric,
        periods.year),
    );
    card.append(name, figure, changes);
    const spark = sparkSeries(data, metric, time);
    if (ms.length > 1 || !spark) {
      card.classList.add('kpi-compact');
    }
    if (spark) {
      const sparkElement = document.createElement('div');
      sparkElement.className = 'chart kpi-spark';
      sparkElement.setAttribute('role', 'img');
      sparkElement.setAttribute('aria-label', `${tr(metric.label, ctx)} · ${panel.dataset.title}`);
      card.append(sparkElement);
    }
    return { card, metric, spark };
  });
  for (const element of body.querySelectorAll('.chart')) {
    echarts.getInstanceByDom(element)?.dispose();
  }
  const grid = document.createElement('div');
  grid.className = 'kpi-cards';
  grid.append(...cards.map((c) => c.card));
  body.replaceChildren(grid);
  for (const { card, metric, spark } of cards) {
    if (spark) {
      const { xs, ys } = spark;
      setOption(card.querySelector('.kpi-spark'), {
        aria: { enabled: true },
        backgroundColor: 'transparent',
        animation: false,
        grid: { left: 2, right: 2, top: 6, bottom: 2 },
        tooltip: { trigger: 'axis', confine: true, valueFormatter: formatterOf(metric, ctx) },
        xAxis: { type: 'category', data: xs, show: false, boundaryGap: false },
        yAxis: { type: 'value', show: false, min: 0 },
        series: [{
          type: 'line', name: tr(metric.label, ctx), smooth: true, symbol: 'none', areaStyle: { opacity: 0.15 },
          data: ys,
        }],
      }, ctx);
    }
  }
  return 'ready';
}

/** A KPI's sparkline: the server's gap-filled `kpis[].sparkline` when given, else the panel's rows by time. */
function sparkSeries(data, metric, time) {
  const kpi = Array.isArray(data.kpis) ? data.kpis.find((k) => k.metric === metric.id) : null;
  if (kpi?.sparkline?.length) {
    return { xs: kpi.sparkline.map(([t]) => String(t)), ys: kpi.sparkline.map(([, v]) => v) };
  }
  if (!time) {
    return null;
  }
  const xs = axisValues(data, time);
  const values = new Map(data.rows.map((row) => [String(row[time.index]), row[metric.index]]));
  return { xs, ys: xs.map((x) => values.get(x) ?? (time.id === 'month' ? 0 : null)) };
}

/** The semantic branch's `kpis` (value and comparisons computed by the server) in the shape used here. */
function kpisOf(data) {
  if (!Array.isArray(data.kpis)) {
    return null;
  }
  const result = {};
  for (const kpi of data.kpis) {
    const previous = kpi.compare?.previous_period;
    const yearAgo = kpi.compare?.same_period_last_year;
    result[kpi.metric] = {
      value: kpi.value,
      previous: previous?.value ?? null,
      year_ago: yearAgo?.value ?? null,
      // the earlier periods as compared: their months, the last day counted while this month runs, or withheld
      periods: { previous, year: yearAgo },
      // over a whole year the previous period is the same period last year: say it once
      samePeriods: Boolean(previous && yearAgo && previous.from === yearAgo.from && previous.to === yearAgo.to),
    };
  }
  return result;
}

function kpiValue(data, metric, time, ctx) {
  if (!data.rows.length) {
    return null;
  }
  if (!time) {
    return data.rows[0][metric.index];
  }
  if (ADDITIVE_UNITS.includes(tr(metric.unit, { lang: 'zh' }))) {
    return data.rows.reduce((sum, row) => sum + Number(row[metric.index] ?? 0), 0);
  }
  const latest = [...data.rows].sort((a, b) => String(a[time.index]).localeCompare(String(b[time.index]))).pop();
  return latest[metric.index];
}

/** The same panel over the previous range of equal length and over the range a year earlier. */
async function fetchComparisons(def, data, ctx) {
  const from = data.filters?.from;
  const to = data.filters?.to;
  if (!MONTH.test(from ?? '') || !MONTH.test(to ?? '')) {
    return null;
  }
  const length = monthsBetween(from, to).length;
  const [previous, yearAgo] = await Promise.all([
    ctx.fetchPanel(def, { from: shiftMonth(from, -length), to: shiftMonth(to, -length) }).catch(() => null),
    ctx.fetchPanel(def, { from: shiftMonth(from, -12), to: shiftMonth(to, -12) }).catch(() => null),
  ]);
  const result = {};
  const time = dims(data).find((d) => isTimeDimension(d.id));
  for (const metric of metrics(data)) {
    result[metric.id] = {
      previous: previous ? kpiValue(previous, metricIn(previous, metric), time && dimIn(previous, time), ctx) : null,
      year_ago: yearAgo ? kpiValue(yearAgo, metricIn(yearAgo, metric), time && dimIn(yearAgo, time), ctx) : null,
    };
  }
  return result;
}

function metricIn(data, metric) {
  return metrics(data).find((m) => m.id === metric.id) ?? metric;
}

function dimIn(data, dim) {
  return dims(data).find((d) => d.id === dim.id) ?? dim;
}

/**
 * One comparison of a KPI card. `period` (from the server) is the earlier period as compared: while the range's last
 * month is under way its `through` is the same day of the earlier month, and a metric counted by whole months only is
 * `withheld` until the month is over, rather than shown as a collapse.
 */
function changeItem(kind, label, current, before, better, ctx, metric, period) {
  const item = document.createElement('li');
  item.className = 'kpi-change';
  item.dataset.compare = kind;
  if (period?.through) {
    item.dataset.through = period.through;
  }
  if (period?.withheld) {
    item.textContent = `${label} —`;
    item.title = ctx.text.monthUnderWay;
    item.dataset.direction = 'none';
    item.dataset.withheld = 'true';
    return item;
  }
  if (current == null || before == null) {
    item.textContent = `${label} ${ctx.text.notComparable}`;
    item.dataset.direction = 'none';
    return item;
  }
  const diff = Number(current) - Number(before);
  const direction = diff > 0 ? 'up' : diff < 0 ? 'down' : 'flat';
  const arrow = direction === 'up' ? '↑' : direction === 'down' ? '↓' : '→';
  const amount = Number(before) !== 0
    ? `${number(Math.abs((100 * diff) / Number(before)), ctx, SHARE)}%`
    : number(Math.abs(diff), ctx, metric);
  item.dataset.direction = direction;
  const worse = (direction === 'up' && better === 'lower') || (direction === 'down' && better === 'higher');
  const improved = (direction === 'up' && better === 'higher') || (direction === 'down' && better === 'lower');
  item.dataset.verdict = worse ? 'worse' : improved ? 'better' : 'same';
  const arrowSpan = document.createElement('span');
  arrowSpan.className = 'kpi-arrow';
  arrowSpan.textContent = `${arrow} ${amount}`;
  arrowSpan.style.color = worse ? BAD_COLOUR : improved ? GOOD_COLOUR : '';
  item.append(`${label} `, arrowSpan);
  item.title = `${number(before, ctx, metric)} → ${number(current, ctx, metric)}`
    + (period?.through ? ` (${ctx.text.sameDaysUntil} ${period.through})` : '');
  return item;
}

// ---- table ------------------------------------------------------------------------------------------------------

/** A table cell's classes, scoped to the table (a bare kind such as `field` would pick up other components' rules). */
function cellClass(column) {
  return `data-table__cell data-table__cell--${column.kind}`;
}

/** All columns, sortable by clicking a heading; a coded value with a drill target links to its page. */
function drawTable(panel, def, data, ctx) {
  const columns = data.columns.map((c, index) => ({ ...c, index }));
  const state = panel._sort ?? { index: -1, descending: false };
  const rows = [...data.rows];
  if (state.index >= 0) {
    const numeric = columns[state.index].kind === 'metric';
    rows.sort((a, b) => {
      const x = a[state.index];
      const y = b[state.index];
      const order = numeric ? Number(x ?? -Infinity) - Number(y ?? -Infinity)
        : String(x == null ? '' : valueLabel(data, columns[state.index], x, ctx))
          .localeCompare(String(y == null ? '' : valueLabel(data, columns[state.index], y, ctx)), ctx.lang === 'en' ? 'en' : 'zh-CN');
      return state.descending ? -order : order;
    });
  }
  const table = document.createElement('table');
  table.className = 'data-table';
  const caption = document.createElement('caption');
  caption.className = 'visually-hidden';
  caption.textContent = `${panel.dataset.title} · ${ctx.text.sortHint}`;
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  for (const column of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.className = cellClass(column);
    th.setAttribute('aria-sort', state.index === column.index ? (state.descending ? 'descending' : 'ascending') : 'none');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = column.kind === 'metric' ? withUnit(column, ctx) : tr(column.label, ctx);
    button.addEventListener('click', () => {
      panel._sort = { index: column.index, descending: state.index === column.index ? !state.descending : column.kind === 'metric' };
      drawTable(panel, def, data, ctx);
    });
    th.append(button);
    headRow.append(th);
  }
  head.append(headRow);
  const body = document.createElement('tbody');
  for (const row of rows) {
    const tr_ = document.createElement('tr');
    for (const column of columns) {
      const cell = document.createElement(column === columns[0] ? 'th' : 'td');
      if (column === columns[0]) {
        cell.scope = 'row';
      }
      cell.className = cellClass(column);
      const value = row[column.index];
      if (column.kind === 'metric') {
        cell.textContent = number(value, ctx, column);
      } else {
        const label = valueLabel(data, column, value, ctx);
        const url = value != null ? ctx.drillUrl(column.id, value) : null;
        if (url) {
          const link = document.createElement('a');
          link.href = url;
          link.textContent = label;
          link.dataset.drill = column.id;
          link.dataset.code = value;
          cell.append(link);
        } else {
          cell.textContent = label;
        }
      }
      tr_.append(cell);
    }
    body.append(tr_);
  }
  table.append(caption, head, body);
  const wrap = document.createElement('div');
  wrap.className = 'table-wrap';
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', panel.dataset.title ?? '');
  wrap.append(table);
  panel.querySelector('.panel-body').replaceChildren(wrap);
  return 'ready';
}

// ---- months -----------------------------------------------------------------------------------------------------

export function monthsBetween(from, to) {
  const months = [];
  if (!MONTH.test(from) || !MONTH.test(to)) {
    return months;
  }
  let [year, month] = from.split('-').map(Number);
  const [endYear, endMonth] = to.split('-').map(Number);
  while ((year < endYear || (year === endYear && month <= endMonth)) && months.length < 1200) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

export function shiftMonth(value, months) {
  const [year, month] = value.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** 2025-03 → "3月" (with the year under January and the first month), or "Mar" / "Mar 2025" in English. */
/**
 * The month still under way, if the axis ends in it: `{ month, label }` (截至12月5日), else null. Its figures are of a
 * few days only, so the chart marks them rather than let a full-looking bar or point read as a collapse.
 */
export function partialMonth(xs, ctx) {
  const today = ctx.today;
  if (!today || !xs.length || String(xs[xs.length - 1]) !== today.slice(0, 7)) {
    return null;
  }
  const [year, month, day] = today.split('-').map(Number);
  if (day === new Date(Date.UTC(year, month, 0)).getUTCDate()) {
    return null; // the last day: the month is whole
  }
  const label = ctx.lang === 'en'
    ? `to ${new Date(Date.UTC(year, month - 1, day)).toLocaleString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' })}`
    : `截至${month}月${day}日`;
  return { month: today.slice(0, 7), label };
}

/** Shades the month under way, dims its bars and hollows its points, and names the day the data reach. */
function markPartialMonth(series, xs, monthly, ctx) {
  const partial = monthly ? partialMonth(xs, ctx) : null;
  if (!partial || !series.length) {
    return;
  }
  const last = xs.length - 1;
  for (const s of series) {
    const value = s.data[last];
    s.data[last] = s.type === 'bar'
      ? { value, itemStyle: { opacity: 0.45, borderType: 'dashed', borderWidth: 1, borderColor: '#888' } }
      : { value, symbol: 'emptyCircle', symbolSize: 8 };
  }
  series[0].markArea = {
    silent: true,
    itemStyle: { color: 'rgba(128, 128, 128, 0.12)' },
    label: { show: true, position: 'insideTopRight', fontSize: 11, color: '#888', formatter: partial.label },
    data: [[{ xAxis: partial.month }, { xAxis: partial.month }]],
  };
}

function monthLabel(value, index, ctx) {
  if (!MONTH.test(String(value))) {
    return String(value);
  }
  const [year, month] = value.split('-').map(Number);
  const withYear = index === 0 || month === 1;
  if (ctx.lang === 'en') {
    const name = new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en', { month: 'short', timeZone: 'UTC' });
    return withYear ? `${name}\n${year}` : name;
  }
  return withYear ? `${month}月\n${year}年` : `${month}月`;
}

function monthLong(value, ctx) {
  const [year, month] = value.split('-').map(Number);
  if (ctx.lang === 'en') {
    return new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  }
  return `${year}年${month}月`;
}
