// The dashboard page: reads the dashboard's definition (GET /api/dashboards/{id}), builds one panel per entry, fetches
// each panel's data from the panel API under the filters in the URL and hands it to the renderer for the panel's
// chart type (charts.js). The URL is the whole view state: a filter change rewrites it (history.pushState), so reload,
// back/forward and a shared link show the same view. Filter options come from the catalogue's members endpoints; a
// filter whose dimension the catalogue does not list stays hidden.

import { theme } from './shell.js';
import { monthFields, syncMonthFields } from './month-field.js';
import { disposeCharts, isTimeDimension, redrawChartsNow, rendererFor, resizeCharts, shiftMonth } from './charts.js';

const MONTH = /^\d{4}-\d{2}$/;
/** Filters kept in the URL and passed to the panel API. */
const FILTERS = ['from', 'to', 'grain', 'sector', 'town', 'village', 'hazard_level', 'department', 'enterprise'];
/** Select filters and the catalogue dimensions their options may come from, first found wins. */
const MEMBER_FILTERS = { sector: ['sector'], hazard_level: ['hazard_level'], department: ['department'] };
/** Drill parameters: set by a drill, dropped when going back up. */
const DRILL_PARAMS = ['village', 'enterprise', 'via'];
const GRAINS = ['day', 'week', 'month', 'quarter', 'year'];
/** Quick picks, kept in the URL by name (`range=`) so that a shared 本年 stays this year. */
const QUICK_RANGES = ['month', 'quarter', 'year', 'last12'];

const html = document.documentElement;
const root = document.getElementById('dashboard');
const form = document.getElementById('filters');
const errorBox = document.getElementById('filter-error');
const panelsBox = document.getElementById('panels');
const langSwitch = document.getElementById('lang-switch');
const crumbs = document.getElementById('breadcrumbs');
const printSummary = document.getElementById('print-summary');
const filterSummary = document.getElementById('filter-summary');
const filterPanel = document.getElementById('filter-panel');
const openingNote = document.getElementById('opening-note');
const dashboardId = root.dataset.dashboard;
const homeId = root.dataset.home;
const lang = root.dataset.lang === 'en' ? 'en' : 'zh';
const text = JSON.parse(root.dataset.text);

let definition = null;
let dashboards = [];
let towns = [];
let villages = [];
let defaults = { from: root.dataset.defaultFrom, to: root.dataset.defaultTo };
let generation = 0;
let controller = null;
const lastData = new Map();

// ---- URL <-> form ---------------------------------------------------------------------------------------------

/** The filter values in the URL; absent ones take the dashboard's defaults. */
function stateFromUrl() {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const name of FILTERS) {
    state[name] = params.has(name) ? params.get(name) : (defaults[name] ?? '');
  }
  // a quick pick stays relative: `range=year` is this year on whatever day the link is opened
  const range = params.get('range');
  if (QUICK_RANGES.includes(range)) {
    Object.assign(state, quickRange(range), { range });
  }
  return state;
}

function stateFromForm() {
  const state = stateFromUrl(); // keeps filters without a field (enterprise, a hidden one)
  for (const name of FILTERS) {
    const field = form.elements[name];
    if (field && !field.closest('[hidden]')) {
      state[name] = field.value.trim();
    }
  }
  if (state.range) {
    const range = quickRange(state.range);
    if (range.from !== state.from || range.to !== state.to) {
      delete state.range; // months typed by hand replace the quick pick
    }
  }
  return state;
}

function showInForm(state) {
  fillVillageOptions(state.town);
  for (const name of FILTERS) {
    const field = form.elements[name];
    if (!field) {
      continue;
    }
    field.value = state[name] ?? '';
    if (field.tagName === 'SELECT' && field.value !== (state[name] ?? '')) {
      field.value = ''; // a code the select does not offer (or several): the API reports an unknown one
    }
    field.removeAttribute('aria-invalid');
  }
  for (const button of form.querySelectorAll('[data-quick]')) {
    const range = quickRange(button.dataset.quick);
    const pressed = state.range ? state.range === button.dataset.quick
      : range.from === state.from && range.to === state.to;
    button.setAttribute('aria-pressed', String(pressed));
  }
  syncMonthFields(form);
}

/** The page URL for a state, leaving out filters equal to the default so the default range stays relative. */
function urlFor(state) {
  const params = new URLSearchParams(location.search);
  for (const name of FILTERS) {
    if ((state[name] ?? '') === (defaults[name] ?? '')) {
      params.delete(name);
    } else {
      params.set(name, state[name]);
    }
  }
  // a chosen quick pick is always written, by name, even when it equals the default range
  if (QUICK_RANGES.includes(state.range)) {
    params.set('range', state.range);
    params.delete('from');
    params.delete('to');
  } else {
    params.delete('range');
  }
  return location.pathname + (params.size ? '?' + params : '');
}

/** The panel API query: the URL's filters, a town without a village standing for the town's villages. */
function apiParams(overrides = {}) {
  const page = new URLSearchParams(location.search);
  const api = new URLSearchParams();
  for (const name of FILTERS) {
    if (page.has(name)) {
      api.set(name, page.get(name));
    }
  }
  if (QUICK_RANGES.includes(page.get('range'))) {
    const range = quickRange(page.get('range'));
    api.set('from', range.from);
    api.set('to', range.to);
  }
  const town = towns.find((t) => t.code === page.get('town'));
  if (town && !page.get('village')) {
    api.set('village', town.villages.join(','));
  }
  for (const [name, value] of Object.entries(overrides)) {
    api.set(name, value);
  }
  return api;
}

/** A link to a dashboard with the current filters, language and theme, minus the given parameters. */
function linkTo(id, drop = [], extra = {}) {
  const params = new URLSearchParams(location.search);
  for (const name of drop) {
    params.delete(name);
  }
  for (const [name, value] of Object.entries(extra)) {
    if (value == null) {
      params.delete(name);
    } else {
      params.set(name, value);
    }
  }
  return `/dashboards/${encodeURIComponent(id)}` + (params.size ? '?' + params : '');
}

function updateLinks() {
  if (langSwitch) {
    langSwitch.href = linkTo(dashboardId, ['lang'], lang === 'en' ? {} : { lang: 'en' });
  }
  for (const link of document.querySelectorAll('[data-nav-id]')) {
    link.href = linkTo(link.dataset.navId, ['enterprise', 'via']);
  }
  const reset = document.getElementById('reset');
  if (reset) {
    const params = new URLSearchParams();
    for (const name of ['lang', 'theme', ...(isDrillTarget() ? DRILL_PARAMS : [])]) {
      const value = new URLSearchParams(location.search).get(name);
      if (value) {
        params.set(name, value);
      }
    }
    reset.href = location.pathname + (params.size ? '?' + params : '');
  }
  renderBreadcrumbs();
  if (openingNote) {
    // the note explains the months the page opened on; another range chosen since makes it untrue
    const state = stateFromUrl();
    openingNote.hidden = state.from !== root.dataset.openedFrom || state.to !== root.dataset.openedTo;
  }
}

/**
 * The default range held no rows, so the server chose the latest months that have data (and says so in a note):
 * the URL names them, so a reload, a shared link and the form show the same months.
 */
function openOnData() {
  const params = new URLSearchParams(location.search);
  if (root.dataset.openedFrom && !params.has('from') && !params.has('to') && !params.has('range')) {
    params.set('from', root.dataset.openedFrom);
    params.set('to', root.dataset.openedTo);
    history.replaceState(null, '', `${location.pathname}?${params}`);
  }
}

// ---- quick ranges -------------------------------------------------------------------------------------------

function currentMonth() {
  // the server's today (its one Clock, China's calendar), not the viewer's: quick picks and defaults agree
  return root.dataset.today.slice(0, 7);
}

function quickRange(kind) {
  const now = currentMonth();
  const [year, month] = now.split('-').map(Number);
  switch (kind) {
    case 'month':
      return { from: now, to: now };
    case 'quarter':
      return { from: `${year}-${String(month - ((month - 1) % 3)).padStart(2, '0')}`, to: now };
    case 'year':
      return { from: `${year}-01`, to: now };
    default:
      return { from: shiftMonth(now, -11), to: now };
  }
}

// ---- drill-down and breadcrumbs -----------------------------------------------------------------------------

function isDrillTarget() {
  return dashboardId === 'village' || dashboardId === 'enterprise';
}

function dashboardTitle(id) {
  const d = dashboards.find((x) => x.id === id);
  return d ? (d.title[lang] ?? d.title.zh) : id;
}

/** Where a click on a value of a dimension leads: the panel's `drill`, else the village or enterprise page. */
function drillTarget(panelDef, dimension) {
  const declared = panelDef?.drill;
  if (declared) {
    // {dashboard, filter}: a click on a member of the panel's first dimension opens that dashboard
    const target = typeof declared === 'string' ? declared : (declared.dashboard ?? declared.target);
    const dim = typeof declared === 'string' ? declared
      : (declared.dimension ?? panelDef.dimensions?.[0] ?? target);
    if (dim === dimension && dashboards.some((d) => d.id === target)) {
      return { target, param: declared.filter ?? declared.param ?? dim };
    }
  }
  if ((dimension === 'village' || dimension === 'enterprise') && dimension !== dashboardId
      && dashboards.some((d) => d.id === dimension)) {
    return { target: dimension, param: dimension };
  }
  return null;
}

function drillUrl(panelDef, dimension, code) {
  const target = drillTarget(panelDef, dimension);
  if (!target) {
    return null;
  }
  const via = isDrillTarget() ? new URLSearchParams(location.search).get('via') : dashboardId;
  const extra = { [target.param]: String(code), via };
  if (target.param === 'village') {
    extra.enterprise = null;
  }
  return linkTo(target.target, [], extra);
}

function villageName(code) {
  return villages.find((v) => v.code === code)?.label?.[lang] ?? code;
}

function enterpriseName(code) {
  if (root.dataset.subjectName && code === new URLSearchParams(location.search).get('enterprise')) {
    return root.dataset.subjectName; // the server looked the name up for the page's own enterprise
  }
  for (const data of lastData.values()) {
    const member = data?.labels?.enterprise?.find((m) => String(m.code) === code);
    if (member) {
      return member.label[lang] ?? member.label.zh;
    }
  }
  return code;
}

/** 总览 › (the dashboard drilled from) › 某村 › 某企业: each link goes back up with the filters kept. */
function renderBreadcrumbs() {
  if (!crumbs) {
    return;
  }
  const params = new URLSearchParams(location.search);
  const trail = [];
  const up = ['village', 'enterprise', 'via'];
  trail.push({ label: dashboardTitle(homeId), href: linkTo(homeId, up) });
  const via = params.get('via');
  if (via && via !== homeId && dashboards.some((d) => d.id === via)) {
    trail.push({ label: dashboardTitle(via), href: linkTo(via, up) });
  }
  if (dashboardId === 'village' || (dashboardId === 'enterprise' && params.get('village'))) {
    const code = params.get('village');
    if (code) {
      trail.push({ label: villageName(code), href: linkTo('village', ['enterprise']) });
    }
  }
  if (dashboardId === 'enterprise' && params.get('enterprise')) {
    trail.push({ label: enterpriseName(params.get('enterprise')), href: location.pathname + location.search });
  }
  if (!isDrillTarget() && dashboardId !== homeId) {
    trail.push({ label: dashboardTitle(dashboardId), href: location.pathname + location.search });
  } else if (isDrillTarget() && trail.length === 1) {
    trail.push({ label: dashboardTitle(dashboardId), href: location.pathname + location.search });
  }
  if (trail.length < 2) {
    crumbs.hidden = true;
    return;
  }
  const list = document.createElement('ol');
  trail.forEach((crumb, index) => {
    const item = document.createElement('li');
    if (index === trail.length - 1) {
      const here = document.createElement('span');
      here.setAttribute('aria-current', 'page');
      here.textContent = crumb.label;
      item.append(here);
    } else {
      const link = document.createElement('a');
      link.href = crumb.href;
      link.textContent = crumb.label;
      item.append(link);
    }
    list.append(item);
  });
  crumbs.replaceChildren(list);
  crumbs.hidden = false;
  if (isDrillTarget()) {
    const subject = trail[trail.length - 1].label;
    document.getElementById('subject').textContent = subject;
  }
}

// ---- the filters on paper ------------------------------------------------------------------------------------

/**
 * The filters in words and the as-of date of the data shown, one line under the title that only print.css shows:
 * a printed page has no form to read them from. Each shown filter field is listed, "全部" where it is not set.
 */
function renderPrintSummary() {
  const parts = filterWords();
  const asOf = [...lastData.values()].map((data) => data?.filters?.asOf).find(Boolean);
  if (filterSummary) {
    filterSummary.textContent = parts.join(' · ');
  }
  if (!printSummary) {
    return;
  }
  if (asOf) {
    parts.push(`${text.asOf}: ${asOf}`);
  }
  printSummary.replaceChildren(...parts.map((part) => {
    const span = document.createElement('span');
    span.textContent = part;
    return span;
  }));
}

/** The chosen filters in words: the range, then each shown select's choice, 全部 where it is not set. */
function filterWords() {
  const state = stateFromUrl();
  const parts = [`${text.period}: ${state.from} ${text.periodTo} ${state.to}`];
  for (const name of FILTERS) {
    const field = form.elements[name];
    if (field?.tagName !== 'SELECT' || field.closest('[hidden]')) {
      continue;
    }
    const label = field.closest('.dash-filter__field').querySelector('span').textContent;
    parts.push(`${label}: ${state[name] ? optionLabel(field, state[name]) : text.all}`);
  }
  return parts;
}

function optionLabel(select, value) {
  const chosen = [...select.options].find((o) => o.value === value);
  return chosen ? chosen.textContent.trim() : (select.name === 'village' ? villageName(value) : value);
}

// ---- filter options ------------------------------------------------------------------------------------------

async function getJson(url, signal) {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(body?.detail ?? `${response.status}`);
    error.problem = body;
    throw error;
  }
  return body;
}

function option(value, label) {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = label;
  return element;
}

function showField(name, show) {
  const field = form.elements[name]?.closest('.dash-filter__field');
  if (field) {
    field.hidden = !show;
  }
}

/** Fills the selects the catalogue can answer and the page's panels can use; hides the others. */
async function setUpFilters(catalog) {
  const coded = new Set(catalog.dimensions.filter((d) => d.coded).map((d) => d.id));
  const all = new Set(catalog.dimensions.map((d) => d.id));
  const supported = Array.isArray(definition.filters) ? new Set(definition.filters) : null;
  const allowed = (name) => !supported || supported.has(name);

  const jobs = Object.entries(MEMBER_FILTERS).map(async ([name, candidates]) => {
    const dim = candidates.find((c) => coded.has(c));
    if (!dim || !allowed(name)) {
      showField(name, false);
      return;
    }
    const members = await getJson(`/api/catalog/dimensions/${encodeURIComponent(dim)}/members`).catch(() => null);
    const select = form.elements[name];
    if (!members?.length) {
      showField(name, false);
      return;
    }
    const first = select.options[0];
    select.replaceChildren(first);
    const headline = members.filter((m) => m.headline);
    // a sub-sector (etl/codes.yaml) follows its sector, indented; choosing the sector includes it
    const memberOption = (m) => option(m.code, (m.parent ? '\u3000' : '') + m.label[lang]);
    if (headline.length && headline.length < members.length) {
      const top = document.createElement('optgroup');
      top.label = text.headlineSectors;
      top.append(...headline.map(memberOption));
      const rest = document.createElement('optgroup');
      rest.label = text.otherSectors;
      rest.append(...members.filter((m) => !m.headline).map(memberOption));
      select.append(top, rest);
    } else {
      select.append(...members.map(memberOption));
    }
    showField(name, true);
  });

  jobs.push((async () => {
    if (coded.has('village') && allowed('village')) {
      villages = await getJson('/api/catalog/dimensions/village/members').catch(() => []);
      towns = await getJson('/api/regions/towns').catch(() => []);
    }
    showField('village', villages.length > 0);
    showField('town', towns.length > 0 && allowed('town'));
    const townSelect = form.elements.town;
    townSelect.replaceChildren(townSelect.options[0], ...towns.map((t) => option(t.code, t.label[lang])));
  })());

  // time grain: only where the catalogue has more than one grain and a panel is by time
  const grains = GRAINS.filter((g) => all.has(g));
  const byTime = definition.panels.some((p) => (p.dimensions ?? []).some(isTimeDimension));
  const grainSelect = form.elements.grain;
  grainSelect.replaceChildren(...grains.map((g) => option(g, text[`grain.${g}`])));
  defaults.grain = definition.defaults?.grain ?? (grains.includes('month') ? 'month' : grains[0] ?? '');
  showField('grain', grains.length > 1 && byTime && allowed('grain'));

  await Promise.all(jobs);
}

function fillVillageOptions(townCode) {
  const select = form.elements.village;
  const town = towns.find((t) => t.code === townCode);
  const list = town ? villages.filter((v) => town.villages.includes(v.code)) : villages;
  select.replaceChildren(select.options[0], ...list.map((v) => option(v.code, v.label[lang])));
}

// ---- panels ---------------------------------------------------------------------------------------------------

function buildPanels() {
  const sections = definition.panels.map((p) => {
    const section = document.createElement('section');
    section.className = `panel panel-${p.chart}`;
    section.id = `panel-${p.id}`;
    section.dataset.panel = p.id;
    section.dataset.chart = p.chart;
    section.dataset.title = p.title[lang] ?? p.title.zh;
    section.dataset.state = 'loading';
    section.setAttribute('aria-labelledby', `panel-${p.id}-title`);
    const heading = document.createElement('h2');
    heading.id = `panel-${p.id}-title`;
    heading.textContent = section.dataset.title;
    const body = document.createElement('div');
    body.className = 'panel-body';
    const state = document.createElement('p');
    state.className = 'state';
    state.setAttribute('role', 'status');
    state.textContent = text.loading;
    section.append(heading, body, state);
    section._def = p;
    return section;
  });
  panelsBox.replaceChildren(...sections);
  for (const section of sections) {
    resizeObserver.observe(section);
  }
}

function panels() {
  return [...panelsBox.querySelectorAll('.panel[data-panel]')];
}

function panelUrl(def, overrides) {
  const query = apiParams(overrides).toString();
  const base = def.data ?? `/api/dashboards/${encodeURIComponent(dashboardId)}/panels/${encodeURIComponent(def.id)}`;
  return base + (query ? '?' + query : '');
}

function context(section, signal) {
  return {
    lang,
    text,
    today: root.dataset.today,
    theme: theme(),
    drillUrl: (dimension, code) => drillUrl(section._def, dimension, code),
    navigate: (url) => location.assign(url),
    fetchPanel: (def, overrides) => getJson(panelUrl(def, overrides), signal),
  };
}

async function loadAll() {
  const mine = ++generation;
  controller?.abort();
  controller = new AbortController();
  const signal = controller.signal;
  root.dataset.state = 'loading';
  hideError();
  updateLinks();
  const results = await Promise.allSettled(panels().map(async (section) => {
    setState(section, section.dataset.state === 'ready' ? 'ready' : 'loading', text.loading);
    const data = await getJson(panelUrl(section._def), signal);
    if (mine !== generation) {
      return;
    }
    lastData.set(section.dataset.panel, data);
    await draw(section, data, signal);
  }));
  if (mine !== generation) {
    return; // a newer filter change owns the page now
  }
  const failed = results.find((r) => r.status === 'rejected' && r.reason?.name !== 'AbortError');
  if (failed) {
    showError(failed.reason);
  }
  panels().forEach((section, i) => {
    if (results[i].status === 'rejected') {
      setState(section, 'error', results[i].reason?.problem?.detail ?? text.error);
    }
  });
  renderBreadcrumbs(); // enterprise names arrive with the data
  renderPrintSummary();
  root.dataset.state = failed ? 'error' : 'ready';
  root.dataset.generation = String(mine);
}

async function draw(section, data, signal) {
  const renderer = rendererFor(section.dataset.chart);
  if (!renderer) {
    setState(section, 'error', `${text.unsupported}: ${section.dataset.chart}`);
    return;
  }
  if (!data.rows?.length) {
    disposeCharts(section);
    section.querySelector('.panel-body').replaceChildren();
    section.dataset.empty = data.empty?.reason ?? '';
    setState(section, 'empty', emptyText(data.empty));
    return;
  }
  delete section.dataset.empty;
  setState(section, 'ready', '');
  const state = await renderer(section, section._def, ratiosAsPercent(data), context(section, signal));
  setState(section, state === 'empty' ? 'empty' : 'ready', state === 'empty' ? text.noData : '');
}

// Ratios arrive as 0–1 (column format "ratio"); people read them as percentages, so every renderer gets them
// as percent values with a % unit, converted in this one place. Rounding is charts.js's number() alone (to the
// column's decimals, as in CSV and XLSX).
function ratiosAsPercent(data) {
  const ratios = new Set((data.columns ?? []).filter((c) => c.format === 'ratio').map((c) => c.id));
  if (!ratios.size) {
    return data;
  }
  const percent = (v) => (v == null || Number.isNaN(Number(v)) ? v : Number(v) * 100);
  const isRatio = (data.columns ?? []).map((c) => ratios.has(c.id));
  const compare = (c) => (c ? { ...c, value: percent(c.value), change: percent(c.change) } : c);
  return {
    ...data,
    columns: data.columns.map((c) => (ratios.has(c.id) ? { ...c, format: 'percent', unit: { zh: '%', en: '%' } } : c)),
    rows: data.rows.map((row) => (Array.isArray(row) ? row.map((v, i) => (isRatio[i] ? percent(v) : v)) : row)),
    kpis: data.kpis?.map((k) => (!ratios.has(k.metric) ? k : {
      ...k,
      value: percent(k.value),
      compare: k.compare && Object.fromEntries(Object.entries(k.compare).map(([key, c]) => [key, compare(c)])),
      sparkline: k.sparkline?.map(([t, v]) => [t, percent(v)]),
    })),
  };
}

function redrawAll() {
  disposeCharts(panelsBox);
  for (const section of panels()) {
    const data = lastData.get(section.dataset.panel);
    if (data && section.dataset.state === 'ready') {
      draw(section, data);
    }
  }
}

function showError(error) {
  const problem = error?.problem;
  errorBox.textContent = problem?.detail ?? error?.message ?? text.error;
  errorBox.hidden = false;
  const field = problem?.parameter && form.elements[problem.parameter];
  if (field) {
    field.setAttribute('aria-invalid', 'true');
    syncMonthFields(form);
  }
}

function hideError() {
  errorBox.hidden = true;
  errorBox.textContent = '';
  for (const name of FILTERS) {
    form.elements[name]?.removeAttribute('aria-invalid');
  }
  syncMonthFields(form);
}

/** Why a panel is empty, in words (the panel API's `empty`): filtered out, nothing in the range, nothing at all. */
function emptyText(empty) {
  const words = empty && text[`empty.${empty.reason}`];
  if (!words) {
    return text.noData;
  }
  const span = empty.first && empty.reason === 'range'
    ? ` (${text['empty.span'].replace('{0}', empty.first).replace('{1}', empty.last)})` : '';
  return `${text.noData}: ${words}${span}`;
}

function setState(section, state, message) {
  section.dataset.state = state;
  section.querySelector('.state').textContent = message ?? '';
}

// ---- events ---------------------------------------------------------------------------------------------------

function apply(state) {
  const url = urlFor(state);
  if (url !== location.pathname + location.search) {
    history.pushState(null, '', url);
  }
  showInForm(stateFromUrl());
  loadAll();
}

form.addEventListener('change', (event) => {
  const state = stateFromForm();
  if (event.target.name === 'town') {
    state.village = '';
  }
  apply(state);
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  apply(stateFromForm());
});
form.addEventListener('click', (event) => {
  const button = event.target.closest('[data-quick]');
  if (button) {
    apply({ ...stateFromForm(), ...quickRange(button.dataset.quick), range: button.dataset.quick });
  }
});
document.addEventListener('anjian:theme', () => {
  updateLinks();
  redrawAll();
});
window.addEventListener('popstate', () => {
  showInForm(stateFromUrl());
  loadAll();
});
const resizeObserver = new ResizeObserver(() => resizeCharts(panelsBox));
// Printing lays the page out again at the paper's width (print.css) and prints it at once: no frame is painted in
// between, so a resize left to the observer above would print each chart at its screen size, cut at its box.
// Charts are redrawn for paper when print media starts and for the screen when it ends.
matchMedia('print').addEventListener('change', (event) => redrawChartsNow(panelsBox, event.matches));

// ---- start ----------------------------------------------------------------------------------------------------

async function start() {
  monthFields(form);
  if (filterPanel && matchMedia('(max-width: 600px)').matches) {
    filterPanel.open = false; // a phone shows the chosen filters in one line; a tap opens the form
  }
  try {
    const [def, list, catalog] = await Promise.all([
      getJson(`/api/dashboards/${encodeURIComponent(dashboardId)}`),
      getJson('/api/dashboards'),
      getJson('/api/catalog'),
    ]);
    definition = def;
    dashboards = list;
    const d = def.defaults ?? {};
    defaults = {
      from: d.from ?? defaults.from,
      to: d.to ?? defaults.to,
      sector: (d.sector ?? []).join(','),
      village: (d.village ?? []).join(','),
    };
    buildPanels();
    await setUpFilters(catalog);
  } catch (error) {
    showError(error);
    root.dataset.state = 'error';
    return;
  }
  openOnData();
  showInForm(stateFromUrl());
  await loadAll();
}

start();
