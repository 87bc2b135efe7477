// The harness of the browser test: the chainward binary on a free port with a fresh SQLite
// database, Debian's Chromium, the mail folder, screenshots and the checks every page gets.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const here = dirname(fileURLToPath(import.meta.url));
const portal = resolve(here, '../dist');
export const shots = resolve(here, 'screenshots');
const binary = process.env.CHAINWARD_BIN ?? resolve(process.env.CARGO_TARGET_DIR ?? resolve(here, '../../target'), 'debug/chainward');
export const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
assert.ok(existsSync(join(portal, 'index.html')), 'build the portal first: npm run build');
assert.ok(existsSync(binary), `no chainward binary at ${binary} (cargo build -p chainward, or set CHAINWARD_BIN)`);
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });

const freePort = () =>
  new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

export async function startChainward() {
  const port = await freePort();
  const work = mkdtempSync(join(tmpdir(), 'chainward-e2e-'));
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(binary, ['serve', '--with-demo-data', '--bind', `127.0.0.1:${port}`, '--public-url', base, '--portal-dir', portal], {
    cwd: work,
    env: { ...process.env, RUST_LOG: 'warn' },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  for (let i = 0; i < 240 && !/is running/.test(out); i++) await new Promise((r) => setTimeout(r, 250));
  const signIn = out.match(/Sign in as (\S+) with password (\S+)/);
  assert.ok(signIn, `chainward did not start:\n${out}`);
  return { base, work, child, email: signIn[1], password: signIn[2] };
}

/** Stops the server and removes its directory (database, mail folder). */
export function stopChainward(app) {
  app.child.kill('SIGTERM');
  rmSync(app.work, { recursive: true, force: true });
}

/** The invitation link in the newest e-mail to `to` in the mail folder. */
export async function invitationLink(work, to) {
  const folder = join(work, 'chainward-data', 'mail');
  for (let i = 0; i < 60; i++) {
    const files = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.eml')).sort() : [];
    for (const file of files.reverse()) {
      const mail = readFileSync(join(folder, file), 'utf8').replace(/=\r?\n/g, '');
      const link = mail.match(/https?:\/\/\S+\/respond#token=[A-Za-z0-9_-]+/);
      if (mail.includes(to) && link) return link[0];
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no invitation e-mail to ${to} in ${folder}`);
}

/** Visible form controls without an accessible name, described for the failure message. */
async function unlabelled(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('input:not([type=hidden]), textarea, select, button')]
      .filter((el) => el.offsetParent !== null)
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (el.tagName === 'BUTTON' && el.innerText.trim())))
      .map((el) => `${el.tagName.toLowerCase()}[${el.type ?? ''}] ${el.outerHTML.slice(0, 120)}`),
  );
}

/** Adds a problem for every visible control of `page` without an accessible name. */
export async function checkLabels(page, where, problems) {
  const missing = await unlabelled(page);
  if (missing.length) problems.push(`${where}: unlabelled controls: ${missing.join(' | ')}`);
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
