// Starts the GOV.UK and MoJ components on the page. A module script, so no inline script is needed and the portal's
// Content-Security-Policy stays 'self' only; browsers without modules get the plain HTML, which works on its own.
import { initAll } from './govuk-frontend.min.js';
import { initAll as initMoj } from './moj-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
initMoj();

// The national dashboard's tables, each fetched on its own: one over a million referrals takes a few hundred
// milliseconds, so a whole section at once would keep the page waiting. Two at a time, as the database does the work
// and more would only queue there. A placeholder keeps its link (the table shown with the page) if its fetch fails.
const placeholders = [...document.querySelectorAll('[data-national-table]')];

async function loadTable(placeholder) {
  const status = placeholder.querySelector('[data-national-table-status]');
  const link = status.innerHTML;
  status.textContent = 'Loading the figures…';
  try {
    const response = await fetch(placeholder.dataset.nationalTable, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    // A redirect is the sign-in page (the session ended): keep the link rather than show that page here.
    if (!response.ok || response.redirected) throw new Error(`HTTP ${response.status}`);
    const template = document.createElement('template');
    template.innerHTML = (await response.text()).trim();
    placeholder.replaceWith(template.content);
  } catch {
    status.innerHTML = `The figures could not be loaded. ${link}`;
    placeholder.removeAttribute('aria-busy');
  }
}

async function loadTables() {
  for (let placeholder = placeholders.shift(); placeholder; placeholder = placeholders.shift()) await loadTable(placeholder);
}

await Promise.all([loadTables(), loadTables()]);
