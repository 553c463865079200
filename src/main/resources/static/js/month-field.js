// Month fields in the page's language. A browser draws <input type="month"> in its own language (2024年3月 on an
// English page, March 2024 on a Chinese one), so each input[data-month-field] becomes a year and a month select
// worded like the page. The input itself stays (hidden) as the one value the form submits and scripts read and set;
// after a script sets it, syncMonthFields shows it again.

const MONTH = /^(\d{4})-(\d{2})$/;
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function english() {
  return document.documentElement.lang.startsWith('en');
}

function option(value, label) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  return o;
}

/** The years offered: ten before the latest allowed year (its `max`, else today's), and the value's own. */
function years(input, year) {
  const latest = Number((input.max || input.dataset.today || String(new Date().getFullYear())).slice(0, 4));
  const first = Math.min(latest - 10, year || latest);
  const last = Math.max(latest, year || latest);
  const list = [];
  for (let y = last; y >= first; y--) {
    list.push(y);
  }
  return list;
}

function show(input) {
  const box = input._monthField;
  if (!box) {
    return;
  }
  const match = MONTH.exec(input.value);
  const year = match ? Number(match[1]) : 0;
  const month = match && Number(match[2]) >= 1 && Number(match[2]) <= 12 ? match[2] : '';
  box.year.replaceChildren(option('', '—'), ...years(input, year)
    .map((y) => option(String(y), english() ? String(y) : `${y}年`)));
  box.year.value = match ? match[1] : '';
  box.month.value = month;
  const invalid = input.getAttribute('aria-invalid');
  for (const select of [box.year, box.month]) {
    if (invalid) {
      select.setAttribute('aria-invalid', invalid);
    } else {
      select.removeAttribute('aria-invalid');
    }
  }
}

/** Turns every input[data-month-field] under `root` into a year and a month select in the page's language. */
export function monthFields(root = document) {
  for (const input of root.querySelectorAll('input[data-month-field]')) {
    if (input._monthField) {
      continue;
    }
    const year = document.createElement('select');
    year.className = 'month-field__year';
    const month = document.createElement('select');
    month.className = 'month-field__month';
    month.append(option('', '—'));
    for (let m = 1; m <= 12; m++) {
      month.append(option(String(m).padStart(2, '0'), english() ? EN_MONTHS[m - 1] : `${m}月`));
    }
    const label = input.closest('label')?.querySelector('span')?.textContent ?? '';
    year.setAttribute('aria-label', `${label} ${english() ? 'year' : '年'}`.trim());
    month.setAttribute('aria-label', `${label} ${english() ? 'month' : '月'}`.trim());
    const box = document.createElement('span');
    box.className = 'month-field';
    box.append(year, month);
    input._monthField = { year, month };
    input.type = 'hidden';
    input.after(box);
    // the select's own listener runs before its change event reaches the form: the value is set by then
    const update = () => {
      if (year.value && month.value) {
        input.value = `${year.value}-${month.value}`;
      }
    };
    year.addEventListener('change', update);
    month.addEventListener('change', update);
    show(input);
  }
}

/** Shows each month field's value again after a script set it (a quick pick, the back button). */
export function syncMonthFields(root = document) {
  for (const input of root.querySelectorAll('input[data-month-field]')) {
    show(input);
  }
}
