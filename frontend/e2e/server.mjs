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

/** Starts the server (serving the built portal from `portal` when given). */
export async function startChainward({ portal } = {}) {
  assert.ok(existsSync(binary), `no chainward binary at ${binary} (cargo build -p chainward, or set CHAINWARD_BIN)`);
  const port = await freePort();
  const work = mkdtempSync(join(tmpdir(), 'chainward-e2e-'));
  const base = `http://127.0.0.1:${port}`;
  const args = ['serve', '--with-demo-data', '--bind', `127.0.0.1:${port}`, '--public-url', base];
  if (portal) args.push('--portal-dir', portal);
  const child = spawn(binary, args, {
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
