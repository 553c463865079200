// The page shell of every signed-in page (templates/fragments/layout.html): the theme switch. The theme lives in the
// URL (?theme=dark, so a wall screen's link keeps it) and in localStorage (so it follows the user from page to page).
// A page that draws charts listens for `anjian:theme` on document to redraw them in the new colours.

const THEME_KEY = 'anjian.theme';
const html = document.documentElement;
const toggle = document.getElementById('theme-toggle');

/** The theme to show: the URL's, else the one last chosen, else light. */
export function theme() {
  const fromUrl = new URLSearchParams(location.search).get('theme');
  if (fromUrl === 'dark' || fromUrl === 'light') {
    return fromUrl;
  }
  try {
    return localStorage.getItem(THEME_KEY) === 'dark' ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

/** Shows the current theme on the page and on the switch (after load, and after back/forward). */
export function applyTheme() {
  const current = theme();
  html.dataset.theme = current;
  if (toggle) {
    toggle.setAttribute('aria-pressed', String(current === 'dark'));
    toggle.textContent = current === 'dark' ? toggle.dataset.labelLight : toggle.dataset.labelDark;
  }
}

function toggleTheme() {
  const next = theme() === 'dark' ? 'light' : 'dark';
  try {
    localStorage.setItem(THEME_KEY, next);
  } catch {
    // private mode: the URL still carries it
  }
  const params = new URLSearchParams(location.search);
  if (next === 'dark') {
    params.set('theme', 'dark');
  } else {
    params.delete('theme');
  }
  history.replaceState(history.state, '', location.pathname + (params.size ? '?' + params : ''));
  applyTheme();
  document.dispatchEvent(new CustomEvent('anjian:theme', { detail: next }));
}

toggle?.addEventListener('click', toggleTheme);
window.addEventListener('popstate', applyTheme);
applyTheme();
