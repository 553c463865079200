// The CSRF token of the signed-in page, from the meta tags of templates/fragments/account.html. Every POST, PUT,
// PATCH or DELETE made with fetch must send it:  fetch(url, { method: 'POST', headers: csrfHeaders(), body })
export function csrfHeaders(headers = {}) {
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  return token && header ? { ...headers, [header.content]: token.content } : { ...headers };
}
