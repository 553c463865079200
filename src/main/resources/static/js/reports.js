// The statistics reports page (/reports): each form leads to its workbook, /reports/2026-10.xlsx or
// /reports/2026-Q3.xlsx, which the browser downloads. A module, not an inline handler: the CSP refuses those.

import { monthFields } from './month-field.js';

monthFields();

for (const form of document.querySelectorAll('form[data-report]')) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const period = form.dataset.report === 'month'
      ? form.elements.period.value
      : `${form.elements.year.value}-Q${form.elements.q.value}`;
    location.href = `${form.action.replace(/\/$/, '')}/${encodeURIComponent(period)}.xlsx`;
  });
}
