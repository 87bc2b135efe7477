// chainward serve on a free port of 127.0.0.1 with a fresh SQLite database and the demo
// organisation: for the browser test and the GraphQL over HTTP audit.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
const binary = process.env.CHAINWARD_BIN ?? resolve(process.env.CARGO_TARGET_DIR ?? resolve(here, '../../target'), 'debug/chainward');

const freePort = () =>
  new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

/** Starts the server (serving the built portal from `portal` when given); `demoSuppliers`
 * asks for a demo register of that many suppliers (generated beyond the 49 hand-written ones),
 * which takes longer to seed; `env` adds to its environment. `seedSeconds` in the result: from
 * start to serving. */
export async function startChainward({ portal, demoSuppliers, env = {} } = {}) {
  assert.ok(existsSync(binary), `no chainward binary at ${binary} (cargo build -p chainward, or set CHAINWARD_BIN)`);
  const port = await freePort();
  const work = mkdtempSync(join(tmpdir(), 'chainward-e2e-'));
  const base = `http://127.0.0.1:${port}`;
  const args = ['serve', '--with-demo-data', '--bind', `127.0.0.1:${port}`, '--public-url', base];
  if (portal) args.push('--portal-dir', portal);
  if (demoSuppliers) args.push('--demo-suppliers', String(demoSuppliers));
  const started = Date.now();
  const child = spawn(binary, args, {
    cwd: work,
    env: { ...process.env, RUST_LOG: 'warn', ...env },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  // A minute for the demo, ten for a large register (a debug build seeds 10,000 in about 20 s).
  const patience = demoSuppliers > 49 ? 2400 : 240;
  for (let i = 0; i < patience && !/is running/.test(out) && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 250));
  const signIn = out.match(/Sign in as (\S+) with password (\S+)/);
  assert.ok(signIn, `chainward did not start:\n${out}`);
  return { base, work, child, email: signIn[1], password: signIn[2], seedSeconds: (Date.now() - started) / 1000 };
}

/** Stops the server and removes its directory (database, mail folder). */
export function stopChainward(app) {
  app.child.kill('SIGTERM');
  rmSync(app.work, { recursive: true, force: true });
}
