// A real OpenID provider for Chainward's single sign-on tests: npm oidc-provider (OpenID
// Certified) on 127.0.0.1, with one client, fixed users and their groups, a sign-in form, and
// users whose ID tokens come back altered (to prove Chainward refuses them).
//
//   REDIRECT_URI=http://127.0.0.1:8080/api/sso/callback PORT=0 node tests/oidc/provider.mjs
//
// prints `listening http://127.0.0.1:<port>` once it serves. KEY_ID names the signing key (a new
// key is made at each start; restarting with another KEY_ID is a key rotation).
import http from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';
import { SignJWT, decodeJwt, decodeProtectedHeader, importJWK } from 'jose';

const port = Number(process.env.PORT ?? 0);
const redirectUris = (process.env.REDIRECT_URI ?? 'http://chainward.test/api/sso/callback').split(',');
const keyId = process.env.KEY_ID ?? 'test-key-1';

/** The staff of the test organisations; the password of each is `<name>-pass`. */
const USERS = {
  'alice@acme.example': { name: 'Alice Admin', groups: ['chainward-admins', 'staff'] },
  'bob@acme.example': { name: 'Bob Analyst', groups: ['chainward-analysts'] },
  'vera@acme.example': { name: 'Vera Viewer', groups: ['auditors'] },
  'nobody@acme.example': { name: 'No Group', groups: ['canteen'] },
  'eve@elsewhere.example': { name: 'Eve Elsewhere', groups: ['chainward-admins'] },
  'leaver@acme.example': { name: 'Lea Leaver', groups: ['chainward-analysts'] },
  // Their ID tokens are altered on the way out (see `alter`).
  'tampered@acme.example': { name: 'Tampered Token', groups: ['chainward-admins'] },
  'audience@acme.example': { name: 'Wrong Audience', groups: ['chainward-admins'] },
  'nonce@acme.example': { name: 'Wrong Nonce', groups: ['chainward-admins'] },
  'expired@acme.example': { name: 'Expired Token', groups: ['chainward-admins'] },
};
const passwordOf = (email) => `${email.split('@')[0]}-pass`;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: keyId, alg: 'RS256', use: 'sig' };

const issuerPlaceholder = 'http://127.0.0.1';
let provider;

function configuration() {
  return {
    clients: [
      {
        client_id: 'chainward',
        client_secret: 'chainward-test-secret',
        redirect_uris: redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    // Claims in the ID token itself, as most enterprise providers send them.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['chainward-test-cookie-key'] },
    findAccount: async (_ctx, id) =>
      USERS[id] && {
        accountId: id,
        claims: async () => ({ sub: id, email: id, email_verified: true, name: USERS[id].name, groups: USERS[id].groups }),
      },
  };
}

/** Alters the ID token of the test users named for it, re-signed with the real key unless tampered. */
async function alter(idToken) {
  const claims = decodeJwt(idToken);
  const change = {
    'tampered@acme.example': null,
    'audience@acme.example': { aud: 'someone-else' },
    'nonce@acme.example': { nonce: 'not-the-one-sent' },
    'expired@acme.example': { iat: claims.iat - 7200, exp: claims.iat - 3600 },
  }[claims.sub];
  if (change === undefined) return idToken;
  if (change === null) {
    // A claim changed on the way (a group added), the signature left as it was.
    const [head, , signature] = idToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, groups: ['chainward-admins', 'root'] })).toString('base64url');
    return [head, forged, signature].join('.');
  }
  const header = decodeProtectedHeader(idToken);
  const key = await importJWK(jwk, 'RS256');
  return new SignJWT({ ...claims, ...change }).setProtectedHeader({ alg: header.alg, kid: header.kid }).sign(key);
}

const page = (uid, message = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><main><h1>Test identity provider</h1>${message ? `<p role="alert">${message}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label>E-mail <input name="email" type="email" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form></main></body></html>`;

async function form(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return Object.fromEntries(new URLSearchParams(body));
}

async function interaction(req, res) {
  const match = req.url.match(/^\/interaction\/([^/?]+)(\/login)?/);
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(page(match[1]));
  }
  const { email = '', password = '' } = await form(req);
  const account = email.trim().toLowerCase();
  if (!USERS[account] || password !== passwordOf(account)) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(page(match[1], 'Wrong e-mail or password.'));
  }
  // Signed in, and consent given for what the client asked (a company's own application).
  const grant = new provider.Grant({ accountId: account, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const grantId = await grant.save();
  return provider.interactionFinished(req, res, { login: { accountId: account }, consent: { grantId } });
}

const server = http.createServer();
server.listen(port, '127.0.0.1', () => {
  const issuer = `${issuerPlaceholder}:${server.address().port}`;
  provider = new Provider(issuer, configuration());
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && ctx.body && typeof ctx.body === 'object' && ctx.body.id_token) {
      ctx.body = { ...ctx.body, id_token: await alter(ctx.body.id_token) };
    }
  });
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (req.url.startsWith('/interaction/')) {
      interaction(req, res).catch((error) => {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    } else {
      callback(req, res);
    }
  });
  console.log(`listening ${issuer}`);
});
