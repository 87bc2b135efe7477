// Single sign-on through the organisation's identity provider, against a real OpenID provider
// (npm oidc-provider, tests/oidc/provider.mjs) on 127.0.0.1: the administrator configures it in
// Settings; an analyst signs in through it and lands on the page they wanted, with the role
// their group gives; someone in no mapped group and someone of another domain are refused in
// words; once single sign-on is required the sign-in page says so and the break-glass
// administrator still signs in with a password; the provider is removed at the end.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { checkLabels, here, shot } from '../harness.mjs';

const oidc = resolve(here, '../../tests/oidc');

/** Runs a command to its end, its output kept for the failure message. */
function run(command, args) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} failed (${code}):\n${out}`))));
  });
}

/** The test identity provider, sending people back to `redirectUri`; its issuer URL is what it
 * prints once it listens. Its output is read for as long as it runs (an unread pipe would stall
 * it), and kept for a failure message. */
async function startProvider(redirectUri) {
  if (!existsSync(join(oidc, 'node_modules'))) await run('npm', ['ci', '--prefix', oidc, '--no-audit', '--no-fund']);
  const child = spawn(process.execPath, [join(oidc, 'provider.mjs')], {
    env: { ...process.env, PORT: '0', REDIRECT_URI: redirectUri },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  // Killed at the end of the story, it may still be writing: that is no failure.
  child.stdout.on('error', () => {});
  child.stderr.on('error', () => {});
  const issuer = await new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      fail(new Error(`the identity provider did not start in 30 s:\n${out}`));
    }, 30_000);
    const listening = () => {
      const found = out.match(/listening (http:\/\/127\.0\.0\.1:\d+)/);
      if (found) {
        clearTimeout(timer);
        child.stdout.off('data', listening);
        done(found[1]);
      }
    };
    child.stdout.on('data', listening);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`the identity provider exited (${code ?? signal}):\n${out}`));
    });
  });
  return { child, issuer, output: () => out };
}

/** A Select or TagsInput, whichever role the Mantine version gives its input. */
const select = (scope, name) => scope.getByRole('textbox', { name, exact: true }).or(scope.getByRole('combobox', { name, exact: true }));

export default async function singleSignOn({ app, page, problems }) {
  const provider = await startProvider(`${app.base}/api/sso/callback`);
  // The test provider has no icon: the browser's request for one is not the portal's error.
  const icon = `${provider.issuer}/favicon.ico`;
  await page.route(icon, (route) => route.fulfill({ status: 204 }));
  try {
    await story({ app, page, problems, issuer: provider.issuer });
  } catch (error) {
    error.message += `\nidentity provider's output:\n${provider.output()}`;
    throw error;
  } finally {
    provider.child.kill('SIGTERM');
    await page.unroute(icon);
  }
}

async function story({ app, page, problems, issuer }) {
  const sso = page.getByRole('button', { name: 'Sign in with single sign-on', exact: true });
  const signIn = page.getByRole('button', { name: 'Sign in', exact: true });
  const email = page.getByRole('textbox', { name: 'E-mail' });
  const signOut = async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn.waitFor();
  };
  const signInWithPassword = async (address, password) => {
    await email.fill(address);
    await page.getByRole('textbox', { name: 'Password' }).fill(password);
    await signIn.click();
  };
  /** Types an address on the sign-in page and waits for the page's answer on how it signs in. */
  const typeAddress = async (address) => {
    const asked = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && /SignInOptions/.test(r.request().postData() ?? '') && r.request().postData().includes(address),
    );
    await email.fill(address);
    await email.blur();
    await asked;
    // The answer is rendered in the next frame.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  };
  /** Signs in at the provider's own form. */
  const atProvider = async (address, password) => {
    await page.waitForURL((url) => url.href.startsWith(issuer));
    await page.getByRole('heading', { name: 'Test identity provider' }).waitFor();
    await page.getByLabel('E-mail').fill(address);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  /** Signs out at the provider too (its session cookie would sign the next person in as the
   * last), as another person at another computer would be. */
  const forgetProviderSession = () => page.context().clearCookies();
  /** The role the header shows beside the signed-in person. */
  const role = (name) => page.getByRole('banner').getByText(name, { exact: true });
  const settings = async () => {
    await page.goto(`${app.base}/settings`);
    await page.getByRole('tab', { name: 'Single sign-on' }).click();
    await page.getByRole('heading', { name: 'Identity provider (single sign-on)' }).waitFor();
  };

  // The administrator of the demo organisation signs in (the last story left a viewer on a phone).
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${app.base}/`);
  await signOut();
  await signInWithPassword(app.email, app.password);
  await role('admin').waitFor();

  // Settings: the redirect URI to register at the provider, copied as it is.
  await settings();
  const redirect = page.getByRole('textbox', { name: 'Redirect URI to register at the provider' });
  assert.equal(await redirect.inputValue(), `${app.base}/api/sso/callback`);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.base });
  await page.getByRole('button', { name: 'Copy the redirect URI' }).click();
  await page.getByRole('button', { name: 'Copied the redirect URI' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${app.base}/api/sso/callback`);
  const breakGlass = select(page, 'Break-glass administrators');
  const pill = (text) => page.locator('.mantine-Pill-root').filter({ hasText: text });
  assert.equal(await pill(app.email).count(), 1, 'the administrator is proposed as break-glass');

  // A first try with mistakes: each is named at its field.
  await page.getByLabel('Issuer URL').fill('http://login.acme.example');
  await page.getByLabel('Client ID').fill('chainward');
  const domains = select(page, 'E-mail domains');
  await domains.fill('acme');
  await domains.press('Enter');
  await page.getByRole('button', { name: 'Save single sign-on' }).click();
  await page.getByText('the issuer must be an https URL').waitFor();
  await page.getByText('give the client secret the provider issued').waitFor();
  await page.getByText('acme: not an e-mail domain').waitFor();
  assert.equal(await page.getByLabel('Issuer URL').getAttribute('aria-invalid'), 'true', 'the error is on the issuer field');
  await shot(page, 'sso-settings-refused');
  await checkLabels(page, 'single sign-on settings (refused)', problems);

  // Corrected: the provider's issuer, its client, the domain, three groups and their roles.
  await page.getByLabel('Issuer URL').fill(issuer);
  await page.getByLabel('Client secret').fill('chainward-test-secret');
  await domains.click();
  await domains.press('Backspace');
  await domains.fill('acme.example');
  await domains.press('Enter');
  const mapping = [
    ['chainward-admins', 'admin'],
    ['chainward-analysts', 'analyst'],
    ['auditors', 'viewer'],
  ];
  for (const [i, [group, given]] of mapping.entries()) {
    if (i > 0) await page.getByRole('button', { name: 'Add a group' }).click();
    await page.getByRole('textbox', { name: `Group ${i + 1}`, exact: true }).fill(group);
    await select(page, `Role of group ${i + 1}`).click();
    await page.getByRole('option', { name: given, exact: true }).click();
  }
  assert.equal(await select(page, 'People in none of these groups').inputValue(), 'refused: no access');
  await page.getByRole('button', { name: 'Save single sign-on' }).click();
  await page.getByText('Single sign-on saved').waitFor();
  await shot(page, 'sso-settings-saved');
  await checkLabels(page, 'single sign-on settings', problems);
  // Read back: the secret is never shown again, only that one is saved.
  await settings();
  assert.equal(await page.getByLabel('Issuer URL').inputValue(), issuer);
  assert.equal(await page.getByLabel('Client secret').inputValue(), '');
  await page.getByText('Saved; leave empty to keep.').waitFor();
  for (const [i, [group, given]] of mapping.entries()) {
    assert.equal(await page.getByRole('textbox', { name: `Group ${i + 1}`, exact: true }).inputValue(), group);
    assert.equal(await select(page, `Role of group ${i + 1}`).inputValue(), given);
  }
  assert.equal(await pill('acme.example').count(), 1, 'the domain is saved');
  assert.equal(await pill(app.email).count(), 1, 'the break-glass administrator is saved');

  // Bob, an analyst, opens a bookmarked page: the sign-in page offers single sign-on for his
  // address, the provider signs him in, and he lands on that page as an analyst.
  await signOut();
  await page.goto(`${app.base}/findings`);
  await signIn.waitFor();
  await typeAddress('bob@acme.example');
  await sso.waitFor();
  assert.equal(await signIn.count(), 0, 'the password button says it is the other way');
  await page.getByText('a Chainward password works too').waitFor();
  await shot(page, 'sso-sign-in-offered');
  await checkLabels(page, 'sign-in with single sign-on', problems);
  await sso.click();
  await atProvider('bob@acme.example', 'bob-pass');
  await page.getByRole('heading', { name: 'Findings' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/findings', 'back on the page he wanted');
  assert.ok(!page.url().includes('sso_ticket'), 'the ticket is out of the address bar');
  await page.getByText('Bob Analyst', { exact: true }).waitFor();
  await role('analyst').waitFor();
  await page.goto(`${app.base}/settings`);
  await page.getByRole('tab', { name: 'Organisation' }).waitFor();
  assert.equal(await page.getByRole('tab', { name: 'Single sign-on' }).count(), 0, 'analysts see no single sign-on settings');
  assert.equal(await page.getByRole('tab', { name: 'Users' }).count(), 0, 'analysts administer no users');
  await shot(page, 'sso-analyst-signed-in');

  // Someone in no mapped group is refused in words, on the sign-in page.
  await signOut();
  await forgetProviderSession();
  await typeAddress('nobody@acme.example');
  await sso.click();
  await atProvider('nobody@acme.example', 'nobody-pass');
  const refusal = page.getByRole('alert').filter({ hasText: 'none of your groups at the identity provider gives access to Chainward; ask your administrator' });
  await refusal.waitFor();
  assert.equal(new URL(page.url()).search, '', 'the refusal is out of the address bar');
  assert.equal(await email.inputValue(), 'nobody@acme.example', 'the address is kept, to try again');
  await sso.waitFor();
  await shot(page, 'sso-refused-no-group');
  await checkLabels(page, 'sign-in refused (no group)', problems);

  // Another domain's address, which the sign-in page offers no single sign-on for, signs in at
  // the provider after starting as an acme.example address: refused.
  await forgetProviderSession();
  await typeAddress('eve@elsewhere.example');
  assert.equal(await sso.count(), 0, 'no single sign-on for a domain no organisation signs in with');
  await signIn.waitFor();
  await typeAddress('eve@acme.example');
  await sso.click();
  await atProvider('eve@elsewhere.example', 'eve-pass');
  await page.getByRole('alert').filter({ hasText: 'your e-mail domain is not one your organisation signs in with' }).waitFor();
  await shot(page, 'sso-refused-domain');

  // The administrator makes single sign-on required (signing in, back on the page Bob left:
  // Settings). Without a break-glass administrator that is refused; with the administrator it is
  // saved. Bob, added at his first sign-in, is a user now.
  await signInWithPassword(app.email, app.password);
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  await page.getByRole('tab', { name: 'Users' }).click();
  await page.getByRole('cell', { name: /Bob Analyst/ }).waitFor();
  assert.equal(await select(page, 'Role of bob@acme.example').inputValue(), 'analyst');
  assert.equal(await page.getByText('nobody@acme.example').count(), 0, 'the refused are not added');
  await page.getByRole('tab', { name: 'Single sign-on' }).click();
  await page.getByRole('switch', { name: 'Single sign-on required' }).click();
  await breakGlass.click();
  await breakGlass.press('Backspace');
  // Its list of administrators closed, as a click elsewhere would.
  await breakGlass.press('Escape');
  await page.getByRole('button', { name: 'Save single sign-on' }).click();
  await page.getByText('name at least one administrator who can sign in with a password if the provider is down').waitFor();
  await breakGlass.fill(app.email);
  await breakGlass.press('Enter');
  await breakGlass.press('Escape');
  await page.getByRole('button', { name: 'Save single sign-on' }).click();
  await page.getByText('Passwords now work for the break-glass administrators only.').waitFor();
  await shot(page, 'sso-required');
  await checkLabels(page, 'single sign-on required', problems);

  // The sign-in page for an acme.example address: single sign-on, passwords for break-glass only.
  await signOut();
  await forgetProviderSession();
  await typeAddress('vera@acme.example');
  await sso.waitFor();
  await page.getByText('Passwords are only for its break-glass administrators').waitFor();
  await page.getByRole('button', { name: 'Sign in with password', exact: true }).waitFor();
  await shot(page, 'sso-required-sign-in');
  await checkLabels(page, 'sign-in, single sign-on required', problems);
  // Enter in the address field goes to the provider; Vera, an auditor, signs in as a viewer.
  await email.press('Enter');
  await atProvider('vera@acme.example', 'vera-pass');
  await role('viewer').waitFor();
  await page.getByText('Vera Viewer', { exact: true }).waitFor();
  assert.ok(!page.url().includes('sso_'), 'nothing of the sign-in stays in the address bar');

  // Single sign-on is required for the provider's domains only: the demo auditor, at a domain
  // the provider does not serve, still signs in with a password (the API's tests cover the
  // refusal at a served domain); so does the break-glass administrator.
  await signOut();
  await signInWithPassword('auditor@northwind.example', app.password);
  await role('viewer').waitFor();
  await shot(page, 'sso-required-other-domain-password');
  await signOut();
  await signInWithPassword(app.email, app.password);
  await role('admin').waitFor();

  // Removed (after a change of mind): everyone signs in with a password again.
  await settings();
  await page.getByRole('button', { name: 'Remove single sign-on' }).click();
  const removing = page.getByRole('dialog', { name: 'Remove single sign-on?' });
  await removing.getByText('People added through single sign-on have no password').waitFor();
  await checkLabels(page, 'remove single sign-on', problems);
  await removing.getByRole('button', { name: 'Go back' }).click();
  await removing.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Remove single sign-on' }).click();
  await removing.getByRole('button', { name: 'Remove', exact: true }).click();
  await page.getByText('Single sign-on removed').waitFor();
  await page.getByText('off', { exact: true }).waitFor();
  assert.equal(await page.getByLabel('Issuer URL').inputValue(), '');
  await shot(page, 'sso-removed');
  await signOut();
  await typeAddress('bob@acme.example');
  assert.equal(await sso.count(), 0, 'no single sign-on once removed');
  await signInWithPassword(app.email, app.password);
  await role('admin').waitFor();
}
