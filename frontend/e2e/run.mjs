// End-to-end: the real `chainward serve --with-demo-data` on a fresh SQLite database in a
// temporary directory, driven in Debian's headless Chromium by playwright-core, as the
// analysts and a supplier live it. Each story is a file in e2e/stories/, run in this order on
// the same server (later stories build on earlier ones); each step leaves a screenshot in
// e2e/screenshots/. Fails on any failed check, console error, unlabelled control or serious
// accessibility violation.
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { launchBrowser, shots, startChainward, steps, stopChainward } from './harness.mjs';

const stories = [
  'dashboard',
  'register',
  'register-import',
  'supplier-questionnaire',
  'campaigns-templates',
  'templates',
  'services-graph',
  'dependencies',
  'risk',
  'new-supplier',
  'respondent',
  'review-remediation',
  'finding-work',
  'audit-invitations',
  'reports',
  'settings-viewer',
  'single-sign-on',
];
// `npm run e2e -- <story>` stops after that story (the ones before it still run: it needs them).
const until = process.argv[2];
assert.ok(!until || stories.includes(until), `no story ${until}: ${stories.join(', ')}`);

const app = await startChainward();
const browser = await launchBrowser();
const problems = [];
// What one story hands to the next (the respondent's phone, the document it attached).
const state = {};
let page;
let current;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  for (const name of stories) {
    current = name;
    const { default: story } = await import(`./stories/${name}.mjs`);
    const started = Date.now();
    await story({ app, browser, page, problems, state });
    console.log(`story ${name}: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (name === until) break;
  }
  assert.deepEqual(problems, [], 'no console errors');
  console.log(`e2e passed: ${steps()} screenshots in ${shots}`);
} catch (error) {
  console.error(`story ${current} failed`);
  if (page) await page.screenshot({ path: join(shots, 'failure.png'), fullPage: true }).catch(() => {});
  if (state.phone) await state.phone.screenshot({ path: join(shots, 'failure-respondent.png'), fullPage: true }).catch(() => {});
  console.error(problems.join('\n'));
  throw error;
} finally {
  await browser.close();
  stopChainward(app);
}
