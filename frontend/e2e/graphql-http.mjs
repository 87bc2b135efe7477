// The GraphQL over HTTP audit (npm graphql-http, the reference implementation's own suite)
// against `chainward serve`: every MUST and every SHOULD must pass (no error, no warning); the
// run fails otherwise and names each with the server's answer. Notices (MAY) are printed.
import { auditServer } from 'graphql-http';
import { startChainward, stopChainward } from './server.mjs';

const app = await startChainward();
let failed = 0;
try {
  const results = await auditServer({ url: `${app.base}/graphql` });
  for (const result of results) {
    if (result.status === 'ok') continue;
    if (result.status !== 'notice') failed += 1;
    let answer = '';
    if (result.response) {
      const body = await result.response.text().catch(() => '');
      answer = ` (got ${result.response.status} ${result.response.headers.get('content-type') ?? ''}: ${body.slice(0, 200)})`;
    }
    console.log(`${result.status} ${result.name}: ${result.reason}${answer}`);
  }
  const ok = results.filter((r) => r.status === 'ok').length;
  const notices = results.length - ok - failed;
  console.log(`GraphQL over HTTP audit: ${ok} passed, ${failed} errors or warnings, ${notices} notices (of ${results.length})`);
} finally {
  stopChainward(app);
}
process.exit(failed ? 1 : 0);
