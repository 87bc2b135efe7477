// The harness of the browser test: the chainward binary on a free port with a fresh SQLite
// database, Debian's Chromium, the mail folder, screenshots and the checks every page gets.
import { mkdirSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startChainward as start, stopChainward } from './server.mjs';

export { stopChainward };

/** Chainward with the demo organisation, serving the built portal; `{ demoSuppliers: 10000 }`
 * for a large register. Its egress policy (webhooks and identity providers) lets it reach this
 * machine's loopback, where the single sign-on story's test identity provider listens. */
export const startChainward = (options = {}) => start({ ...options, portal, env: { CHAINWARD_WEBHOOK_ALLOW: '127.0.0.1/32', ...options.env } });

export const here = dirname(fileURLToPath(import.meta.url));
// CHAINWARD_PORTAL serves another build of the portal (e.g. one per working copy).
const portal = process.env.CHAINWARD_PORTAL ?? resolve(here, '../dist');
/** Screenshots go to e2e/screenshots/, or to the folder E2E_SCREENSHOTS names relative to e2e/
 * (the scale run keeps its own, so that it does not wipe the main run's). */
export const shots = resolve(here, process.env.E2E_SCREENSHOTS ?? 'screenshots');
export const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
assert.ok(existsSync(join(portal, 'index.html')), 'build the portal first: npm run build');
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });

/** The invitation link in the newest e-mail to `to` in the mail folder. */
export async function invitationLink(work, to) {
  const folder = join(work, 'chainward-data', 'mail');
  for (let i = 0; i < 60; i++) {
    const files = existsSync(folder)
      ? readdirSync(folder)
          .filter((f) => f.endsWith('.eml'))
          .sort()
      : [];
    for (const file of files.reverse()) {
      const mail = readFileSync(join(folder, file), 'utf8').replace(/=\r?\n/g, '');
      const link = mail.match(/https?:\/\/\S+\/respond#token=[A-Za-z0-9_-]+/);
      if (mail.includes(to) && link) return link[0];
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no invitation e-mail to ${to} in ${folder}`);
}

/** The newest e-mail to `to` whose text matches `pattern` (raw, soft line breaks joined),
 * waited for up to 15 s. */
export async function mailTo(work, to, pattern) {
  const folder = join(work, 'chainward-data', 'mail');
  for (let i = 0; i < 60; i++) {
    const files = existsSync(folder)
      ? readdirSync(folder)
          .filter((f) => f.endsWith('.eml'))
          .sort()
          .reverse()
      : [];
    for (const file of files) {
      const mail = readFileSync(join(folder, file), 'utf8').replace(/=\r?\n/g, '');
      if (mail.includes(to) && pattern.test(mail)) return mail;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no e-mail to ${to} matching ${pattern} in ${folder}`);
}

/** Visible form controls without an accessible name, described for the failure message. */
async function unlabelled(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('input:not([type=hidden]), textarea, select, button')]
      .filter((el) => el.offsetParent !== null)
      .filter(
        (el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (el.tagName === 'BUTTON' && el.innerText.trim())),
      )
      .map((el) => `${el.tagName.toLowerCase()}[${el.type ?? ''}] ${el.outerHTML.slice(0, 120)}`),
  );
}

/** Adds a problem for every visible control of `page` without an accessible name. */
export async function checkLabels(page, where, problems) {
  const missing = await unlabelled(page);
  if (missing.length) problems.push(`${where}: unlabelled controls: ${missing.join(' | ')}`);
  for (const v of await accessibility(page)) problems.push(`${where}: ${v}`);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page (WCAG 2.1 A and AA rules), one line
 * each with the elements it names. Evaluated through the DevTools protocol, so the portal's
 * Content-Security-Policy stays as it is. */
export async function accessibility(page) {
  // Let transitions end first (a notification fading out is not the contrast a reader gets);
  // endless animations such as loaders are not waited for.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime))
        .map((a) => a.finished.catch(() => {})),
    ),
  );
  // Notifications slide and fade in through inline styles, which may not be running as an
  // animation yet: wait until each is fully opaque (or gone).
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('.mantine-Notification-root')].every((n) => {
        for (let el = n; el; el = el.parentElement) if (getComputedStyle(el).opacity !== '1') return false;
        return true;
      }),
    null,
    { timeout: 5_000, polling: 100 },
  );
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.impact} ${v.id}: ${v.help} (${v.nodes
            .slice(0, 3)
            .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)} ${JSON.stringify(n.any?.[0]?.data ?? '')}`)
            .join(', ')}${v.nodes.length > 3 ? `, +${v.nodes.length - 3}` : ''})`,
      );
  });
  return violations;
}

let step = 0;

/** Saves a numbered full-page screenshot of the step. */
export async function shot(page, name) {
  step += 1;
  await page.screenshot({ path: join(shots, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/** How many screenshots were taken. */
export const steps = () => step;

/** Headless Chromium with the flags the machine's guide asks for. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: browserPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
