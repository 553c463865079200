// Assessment pages: radar charts (a unit's share of points per section against the town average) and the grade
// distribution, drawn from GET /api/assessment/{year}. The tables are already on the page; this only adds charts.
const main = document.getElementById('assessment');
const { year, unit, asOf, code, averageName } = main.dataset;

function whenEcharts() {
  return new Promise(resolve => {
    if (window.echarts) { resolve(window.echarts); return; }
    window.addEventListener('load', () => resolve(window.echarts), { once: true });
  });
}

/** Per section: points / maximum in percent, for one unit's items or for the town averages. */
function sectionShares(columns, points) {
  const sections = new Map();
  columns.forEach((c, i) => {
    const s = sections.get(c.section) ?? { max: 0, points: 0 };
    s.max += Number(c.max);
    s.points += Number(points[i]);
    sections.set(c.section, s);
  });
  return [...sections.entries()].map(([name, s]) => ({ name, share: s.max ? Math.round(1000 * s.points / s.max) / 10 : 100 }));
}

function drawRadar(echarts, a, selected) {
  const box = document.getElementById('radar');
  if (!box || !selected) return;
  const chart = echarts.getInstanceByDom(box) ?? echarts.init(box);
  const mine = sectionShares(a.items, selected.items.map(i => i.points));
  const town = sectionShares(a.items, a.average);
  chart.setOption({
    title: { text: `${selected.name}：各部分得分率(%)`, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: {},
    legend: { bottom: 0, data: [selected.name, averageName] },
    // names stay inside the box: a smaller radius and names broken over lines, never cut at the edge
    radar: { indicator: mine.map(s => ({ name: s.name.replace(/（.*|\(.*/, ''), max: 100 })), radius: '55%',
             center: ['50%', '55%'],
             axisName: { width: 84, overflow: 'break', lineHeight: 14, fontSize: 12 } },
    series: [{ type: 'radar', data: [
      { name: selected.name, value: mine.map(s => s.share), areaStyle: { opacity: 0.2 } },
      { name: averageName, value: town.map(s => s.share), lineStyle: { type: 'dashed' } }] }]
  }, true);
}

function drawGrades(echarts, a) {
  const box = document.getElementById('grades');
  if (!box) return;
  const colours = { '优秀': '#2e7d32', '良好': '#1565c0', '合格': '#b26a00', '不合格': '#c62828' };
  echarts.init(box).setOption({
    title: { text: '等次分布', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: {},
    xAxis: { type: 'category', data: a.grades.map(g => g.grade) },
    yAxis: { type: 'value', minInterval: 1, name: '个' },
    series: [{ type: 'bar', data: a.grades.map(g => ({ value: g.units, itemStyle: { color: colours[g.grade] } })) }]
  });
}

async function start() {
  const params = new URLSearchParams({ unit });
  if (asOf) params.set('asOf', asOf);
  const response = await fetch(`/api/assessment/${year}?${params}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) return;
  const a = await response.json();
  const echarts = await whenEcharts();
  if (!echarts) return;
  const first = code ? a.units.find(u => u.code === code) : a.units[0];
  drawRadar(echarts, a, first);
  drawGrades(echarts, a);
  const table = document.getElementById('ranking');
  if (table) {
    table.tBodies[0].addEventListener('click', event => {
      const row = event.target.closest('tr');
      if (!row || event.target.closest('a')) return;
      table.querySelectorAll('tr.selected').forEach(r => r.classList.remove('selected'));
      row.classList.add('selected');
      drawRadar(echarts, a, a.units.find(u => u.code === row.dataset.code));
    });
  }
  window.addEventListener('resize', () => document.querySelectorAll('.chart')
    .forEach(box => echarts.getInstanceByDom(box)?.resize()));
}

start();
