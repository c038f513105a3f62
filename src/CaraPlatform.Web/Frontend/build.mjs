// Builds the portal's assets into ../wwwroot/assets from the pinned npm packages: one stylesheet (GOV.UK Frontend,
// MoJ Frontend and ours), the two packages' browser modules, the icons their styles use, and their licences.
// Nothing is fetched at run time. The Crown, the GOV.UK logotype and the GDS Transport font are left out, as their
// guidance asks of services that are not on GOV.UK: the stylesheet sets a system font stack (so no @font-face is
// emitted), and neither crest, crown nor font file is copied.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as sass from 'sass';

const out = '../wwwroot/assets';
const govuk = 'node_modules/govuk-frontend/dist/govuk';
const moj = 'node_modules/@ministryofjustice/frontend/moj';

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'images'), { recursive: true });

// Their deprecation warnings are about their own mixins, which we do not call; ours would still fail the build.
const css = sass.compile('styles/cara.scss', { loadPaths: ['node_modules', '.'], style: 'compressed', quietDeps: true, logger: sass.Logger.silent });
if (/GDS Transport|@font-face/.test(css.css)) throw new Error('The stylesheet must not carry the GDS Transport font.');
writeFileSync(join(out, 'cara.css'), css.css);

cpSync(join(govuk, 'govuk-frontend.min.js'), join(out, 'govuk-frontend.min.js'));
cpSync(join(moj, 'moj-frontend.min.js'), join(out, 'moj-frontend.min.js'));
cpSync('scripts/cara.js', join(out, 'cara.js'));

// MoJ's icons (alerts, sorting, search). GOV.UK Frontend's images are all the Crown or GOV.UK's own icons: none copied.
const crownOrCrest = /crest|crown|logotype|apple-touch-icon/;
cpSync(join(moj, 'assets/images'), join(out, 'images'), { recursive: true, filter: (src) => !crownOrCrest.test(src) });

const licences = ['govuk-frontend', '@ministryofjustice/frontend'].map((name) => {
  const pkg = JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8'));
  const holder = name === 'govuk-frontend' ? 'Crown copyright (Government Digital Service)' : 'Crown copyright (Ministry of Justice)';
  return `${pkg.name} ${pkg.version}: ${pkg.license} licence\n${pkg.homepage ?? ''}\n\nCopyright (c) ${holder}\n\n${mit()}`;
});
writeFileSync(join(out, 'LICENCES.txt'), licences.join('\n\n----\n\n'));

// The MIT licence text, which both packages are released under.
function mit() {
  return `Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
documentation files (the "Software"), to deal in the Software without restriction, including without limitation the
rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit
persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the
Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
`;
}
