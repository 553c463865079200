// Dashboard page: reads the filters from the URL, fetches each panel's data from the dashboard API and draws it
// with ECharts (loaded from the webjar as the global `echarts`). The URL is the whole view state: changing a
// filter rewrites it (history.pushState), so reload, back/forward and a shared link show the same view.

const FILTERS = ['from', 'to', 'sector', 'village'];
const MONTH = /^\d{4}-\d{2}$/;

const root = document.getElementById('dashboard');
const form = document.getElementById('filters');
const errorBox = document.getElementById('filter-error');
const langSwitch = document.getElementById('lang-switch');
const dashboardId = root.dataset.dashboard;
const lang = root.dataset.lang === 'en' ? 'en' : 'zh';
const text = {
  loading: root.dataset.textLoading,
  noData: root.dataset.textNoData,
  error: root.dataset.textError,
  monthAxis: root.dataset.textMonthAxis,
  countAxis: root.dataset.textCountAxis,
  saveImage: root.dataset.textSaveImage,
  vsLastMonth: root.dataset.textVsLastMonth,
};
const defaults = { from: root.dataset.defaultFrom, to: root.dataset.defaultTo, sector: '', village: '' };
const panels = [...root.querySelectorAll('.panel[data-panel]')];

let generation = 0;
let controller = null;

// ---- URL <-> form ------------------------------------------------------------------------------------------

/** The filter values in the URL; absent ones take the dashboard's defaults. */
function stateFromUrl() {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const name of FILTERS) {
    state[name] = params.has(name) ? params.get(name) : defaults[name];
  }
  return state;
}

function stateFromForm() {
  const state = {};
  for (const name of FILTERS) {
    state[name] = form.elements[name].value.trim();
  }
  return state;
}

function showInForm(state) {
  for (const name of FILTERS) {
    const field = form.elements[name];
    field.value = state[name] ?? '';
    if (field.tagName === 'SELECT' && field.value !== (state[name] ?? '')) {
      field.value = ''; // a code the select does not offer: the API reports it
    }
    field.removeAttribute('aria-invalid');
  }
}

/** Writes the filters into the URL, leaving out those equal to the default so the range stays relative. */
function urlFor(state) {
  const params = new URLSearchParams(location.search);
  for (const name of FILTERS) {
    if ((state[name] ?? '') === (defaults[name] ?? '')) {
      params.delete(name);
    } else {
      params.set(name, state[name]);
    }
  }
  const query = params.toString();
  return location.pathname + (query ? '?' + query : '');
}

/** The API query: only the filter parameters of the page URL, so both always agree. */
function apiQuery() {
  const page = new URLSearchParams(location.search);
  const api = new URLSearchParams();
  for (const name of FILTERS) {
    if (page.has(name)) {
      api.set(name, page.get(name));
    }
  }
  return api.toString();
}

function updateLanguageLink() {
  if (!langSwitch) {
    return;
  }
  const params = new URLSearchParams(location.search);
  params.set('lang', langSwitch.lang === 'en' ? 'en' : 'zh');
  if (params.get('lang') === 'zh') {
    params.delete('lang');
  }
  const query = params.toString();
  langSwitch.href = location.pathname + (query ? '?' + query : '');
}

// ---- loading -----------------------------------------------------------------------------------------------

async function loadAll() {
  const mine = ++generation;
  controller?.abort();
  controller = new AbortController();
  root.dataset.state = 'loading';
  hideError();
  updateLanguageLink();
  const query = apiQuery();
  const results = await Promise.allSettled(panels.map((panel) => loadPanel(panel, query, controller.signal)));
  if (mine !== generation) {
    return; // a newer filter change owns the page now
  }
  const failed = results.find((r) => r.status === 'rejected' && r.reason?.name !== 'AbortError');
  if (failed) {
    showError(failed.reason);
  }
  for (let i = 0; i < panels.length; i++) {
    if (results[i].status === 'fulfilled') {
      draw(panels[i], results[i].value);
    } else {
      setState(panels[i], 'error', failed?.reason?.problem?.detail ?? text.error);
    }
  }
  root.dataset.state = failed ? 'error' : 'ready';
  root.dataset.generation = String(mine);
}

async function loadPanel(panel, query, signal) {
  setState(panel, panel.dataset.state === 'ready' ? 'ready' : 'loading', text.loading);
  const url = `/api/dashboards/${encodeURIComponent(dashboardId)}/panels/${encodeURIComponent(panel.dataset.panel)}`
      + (query ? '?' + query : '');
  const response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(body?.detail ?? `${response.status}`);
    error.problem = body;
    throw error;
  }
  return body;
}

function showError(error) {
  const problem = error?.problem;
  errorBox.textContent = problem?.detail ?? text.error;
  errorBox.hidden = false;
  const field = problem?.parameter && form.elements[problem.parameter];
  if (field) {
    field.setAttribute('aria-invalid', 'true');
  }
}

function hideError() {
  errorBox.hidden = true;
  errorBox.textContent = '';
  for (const name of FILTERS) {
    form.elements[name].removeAttribute('aria-invalid');
  }
}

function setState(panel, state, message) {
  panel.dataset.state = state;
  panel.querySelector('.state').textContent = message ?? '';
}

// ---- drawing -----------------------------------------------------------------------------------------------

function draw(panel, data) {
  const chart = panel.dataset.chart;
  if (chart === 'kpi') {
    drawKpi(panel, data);
    return;
  }
  if (data.rows.length === 0) {
    chartOf(panel).clear();
    setState(panel, 'empty', text.noData);
    return;
  }
  setState(panel, 'ready', '');
  const option = chart === 'bar_ranking' ? rankingOption(panel, data) : trendOption(panel, data, chart);
  const instance = chartOf(panel);
  instance.setOption(option, { notMerge: true });
  instance.resize();
}

function chartOf(panel) {
  const element = panel.querySelector('.chart');
  return echarts.getInstanceByDom(element)
      ?? echarts.init(element, null, { renderer: 'canvas', locale: lang === 'en' ? 'EN' : 'ZH' });
}

function common(panel) {
  return {
    aria: { enabled: true },
    animationDuration: 300,
    toolbox: {
      right: 0,
      top: 0,
      feature: { saveAsImage: { title: text.saveImage, name: panel.dataset.title, pixelRatio: 2 } },
    },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
  };
}

/** Months × an optional series dimension (e.g. sector): stacked bars or lines, every month of the range shown. */
function trendOption(panel, data, chart) {
  const dims = data.columns.filter((c) => c.kind === 'dimension');
  const metricIndex = data.columns.findIndex((c) => c.kind === 'metric');
  const months = monthsBetween(data.filters.from, data.filters.to);
  const seriesDim = dims[1];
  const members = seriesDim ? (data.labels[seriesDim.id] ?? []) : [{ code: null, label: data.columns[metricIndex].label }];
  const values = new Map();
  for (const row of data.rows) {
    values.set(`${row[0]}|${seriesDim ? row[1] : null}`, row[metricIndex]);
  }
  const series = members.map((member) => ({
    type: chart === 'line' ? 'line' : 'bar',
    stack: chart === 'stacked_bar' ? 'total' : undefined,
    name: member.label[lang],
    emphasis: { focus: 'series' },
    data: months.map((month) => values.get(`${month}|${member.code}`) ?? 0),
  }));
  return {
    ...common(panel),
    legend: { type: 'scroll', top: 0, left: 0, right: 40 },
    grid: { left: 8, right: 16, top: 64, bottom: 28, containLabel: true },
    xAxis: {
      type: 'category',
      name: text.monthAxis,
      nameLocation: 'middle',
      nameGap: 40,
      data: months,
      axisLabel: { hideOverlap: true, formatter: monthLabel },
    },
    // left-aligned so the axis title starts at the axis instead of being centred over it and cut off on phones
    yAxis: { type: 'value', name: text.countAxis, minInterval: 1, nameTextStyle: { align: 'left' } },
    series,
  };
}

/** One bar per member of the only dimension, largest first, names on the left. */
function rankingOption(panel, data) {
  const dim = data.columns.find((c) => c.kind === 'dimension');
  const metricIndex = data.columns.findIndex((c) => c.kind === 'metric');
  const labels = new Map((data.labels[dim.id] ?? []).map((m) => [m.code, m.label[lang]]));
  const names = data.rows.map((row) => labels.get(row[0]) ?? String(row[0]));
  panel.querySelector('.chart').style.height = `${Math.max(260, 80 + 28 * names.length)}px`;
  return {
    ...common(panel),
    grid: { left: 8, right: 40, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: text.countAxis, nameLocation: 'middle', nameGap: 24, minInterval: 1, position: 'top' },
    yAxis: { type: 'category', name: dim.label[lang], data: names, inverse: true, axisLabel: { width: 110, overflow: 'truncate' } },
    series: [{
      type: 'bar',
      name: data.columns[metricIndex].label[lang],
      data: data.rows.map((row) => row[metricIndex]),
      label: { show: true, position: 'right' },
    }],
  };
}

/** The total of the range, this month against the last, and a sparkline when the panel is by month. */
function drawKpi(panel, data) {
  const metricIndex = data.columns.findIndex((c) => c.kind === 'metric');
  const metric = data.columns[metricIndex];
  const byMonth = data.columns[0]?.id === 'month' && metricIndex === 1;
  const total = data.rows.reduce((sum, row) => sum + Number(row[metricIndex] ?? 0), 0);
  panel.querySelector('.kpi-value').textContent = total.toLocaleString(lang === 'en' ? 'en' : 'zh-CN');
  panel.querySelector('.kpi-unit').textContent = metric.unit?.[lang] ?? '';
  const change = panel.querySelector('.kpi-change');
  const chartElement = panel.querySelector('.chart');
  if (!byMonth) {
    change.textContent = '';
    chartElement.hidden = true;
    setState(panel, data.rows.length ? 'ready' : 'empty', data.rows.length ? '' : text.noData);
    return;
  }
  const months = monthsBetween(data.filters.from, data.filters.to);
  const values = new Map(data.rows.map((row) => [row[0], Number(row[1])]));
  const series = months.map((m) => values.get(m) ?? 0);
  const current = series[series.length - 1] ?? 0;
  const previous = series.length > 1 ? series[series.length - 2] : null;
  const unit = metric.unit?.[lang] ?? '';
  const last = months[months.length - 1];
  const [colon, comma] = lang === 'en' ? [': ', ', '] : ['：', '，'];
  let line = `${monthLong(last)}${colon}${current}${unit}`;
  if (previous !== null) {
    const delta = current - previous;
    line += `${comma}${text.vsLastMonth} ${delta > 0 ? '+' : ''}${delta}`;
  }
  change.textContent = line;
  if (data.rows.length === 0) {
    setState(panel, 'empty', text.noData);
    chartOf(panel).clear();
    return;
  }
  setState(panel, 'ready', '');
  const instance = chartOf(panel);
  instance.setOption({
    aria: { enabled: true },
    animation: false,
    grid: { left: 2, right: 2, top: 6, bottom: 2 },
    tooltip: { trigger: 'axis', confine: true },
    xAxis: { type: 'category', data: months, show: false, boundaryGap: false },
    yAxis: { type: 'value', show: false, min: 0 },
    series: [{ type: 'line', name: metric.label[lang], data: series, smooth: true, symbol: 'none', areaStyle: { opacity: 0.15 } }],
  }, { notMerge: true });
  instance.resize();
}

function monthsBetween(from, to) {
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

/** 2025-03 → "3月" (with the year under January and the first month), or "Mar" / "Mar 2025" in English. */
function monthLabel(value, index) {
  const [year, month] = value.split('-').map(Number);
  const withYear = index === 0 || month === 1;
  if (lang === 'en') {
    const name = new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en', { month: 'short', timeZone: 'UTC' });
    return withYear ? `${name}\n${year}` : name;
  }
  return withYear ? `${month}月\n${year}年` : `${month}月`;
}

function monthLong(value) {
  const [year, month] = value.split('-').map(Number);
  if (lang === 'en') {
    return new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  }
  return `${year}年${month}月`;
}

// ---- events ------------------------------------------------------------------------------------------------

function onFiltersChanged(event) {
  event?.preventDefault?.();
  const state = stateFromForm();
  const url = urlFor(state);
  if (url !== location.pathname + location.search) {
    history.pushState(null, '', url);
  }
  loadAll();
}

form.addEventListener('change', onFiltersChanged);
form.addEventListener('submit', onFiltersChanged);
window.addEventListener('popstate', () => {
  showInForm(stateFromUrl());
  loadAll();
});
const resizeObserver = new ResizeObserver((entries) => {
  for (const entry of entries) {
    echarts.getInstanceByDom(entry.target)?.resize();
  }
});
panels.forEach((panel) => resizeObserver.observe(panel.querySelector('.chart')));

showInForm(stateFromUrl());
loadAll();
