// Starts the GOV.UK and MoJ components on the page. A module script, so no inline script is needed and the portal's
// Content-Security-Policy stays 'self' only; browsers without modules get the plain HTML, which works on its own.
import { initAll } from './govuk-frontend.min.js';
import { initAll as initMoj } from './moj-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
initMoj();
