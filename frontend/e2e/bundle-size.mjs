// The JavaScript a first visit downloads: the entry script and the modules index.html
// preloads, gzipped. Pages load later, on first visit (route-level code splitting).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIMIT = 350 * 1024;
const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const src of new Set(scripts)) {
  const size = gzipSync(readFileSync(join(dist, src))).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(7)} kB  ${src}`);
}
console.log(`${(total / 1024).toFixed(1).padStart(7)} kB  initial JavaScript, gzipped (limit ${LIMIT / 1024} kB)`);
if (!scripts.length || total > LIMIT) {
  console.error(scripts.length ? 'the initial JavaScript is over the limit' : 'no script found in dist/index.html');
  process.exit(1);
}
