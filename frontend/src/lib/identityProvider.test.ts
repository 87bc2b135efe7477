import { describe, expect, it } from 'vitest';
import { REFUSE, formFrom, inputFrom, listProblem, placedFields } from './identityProvider';

const saved = {
  issuerUrl: 'https://login.acme.example/realms/staff',
  clientId: 'chainward',
  allowedDomains: ['acme.example'],
  groupsClaim: 'roles',
  roleMapping: [{ group: 'chainward-admins', role: 'ADMIN' as const }],
  defaultRole: null,
  ssoRequired: true,
  breakGlass: ['admin@acme.example'],
};

describe('the identity provider form', () => {
  it('starts a new provider with a row to fill, refusal by default and the administrator as break-glass', () => {
    expect(formFrom(null, 'me@northwind.example')).toEqual({
      issuerUrl: '',
      clientId: '',
      clientSecret: '',
      allowedDomains: [],
      groupsClaim: 'groups',
      roleMapping: [{ group: '', role: 'ANALYST' }],
      defaultRole: REFUSE,
      ssoRequired: false,
      breakGlass: ['me@northwind.example'],
    });
    expect(formFrom(undefined).breakGlass).toEqual([]);
  });

  it('shows a saved provider with its secret field empty', () => {
    const form = formFrom({ ...saved, defaultRole: 'VIEWER' });
    expect(form.clientSecret).toBe('');
    expect(form.defaultRole).toBe('VIEWER');
    expect(formFrom(saved).defaultRole).toBe(REFUSE);
    // Editing the form does not change what was loaded.
    form.roleMapping[0].group = 'changed';
    form.allowedDomains.push('other.example');
    expect(saved.roleMapping[0].group).toBe('chainward-admins');
    expect(saved.allowedDomains).toEqual(['acme.example']);
  });

  it('sends the secret only when one is typed, refusal as no default role', () => {
    const form = formFrom(saved);
    expect(inputFrom(form)).toEqual({
      issuerUrl: 'https://login.acme.example/realms/staff',
      clientId: 'chainward',
      allowedDomains: ['acme.example'],
      groupsClaim: 'roles',
      roleMapping: [{ group: 'chainward-admins', role: 'ADMIN' }],
      defaultRole: null,
      ssoRequired: true,
      breakGlass: ['admin@acme.example'],
    });
    expect(inputFrom({ ...form, clientSecret: '  s3cret ' }).clientSecret).toBe('s3cret');
    expect(inputFrom({ ...form, clientSecret: '   ' })).not.toHaveProperty('clientSecret');
  });

  it('trims, keeps empty mapping rows in their place and lets the server name the claim', () => {
    const form = {
      ...formFrom(null),
      issuerUrl: ' http://127.0.0.1:9000 ',
      groupsClaim: ' ',
      roleMapping: [
        { group: ' admins ', role: 'ADMIN' as const },
        { group: '', role: 'VIEWER' as const },
      ],
      breakGlass: [' Admin@Northwind.example '],
    };
    const input = inputFrom(form);
    expect(input.issuerUrl).toBe('http://127.0.0.1:9000');
    expect(input.groupsClaim).toBeNull();
    expect(input.roleMapping).toEqual([
      { group: 'admins', role: 'ADMIN' },
      { group: '', role: 'VIEWER' },
    ]);
    expect(input.breakGlass).toEqual(['admin@northwind.example']);
  });
});

describe('refusals at the form', () => {
  const fields = {
    'input.allowedDomains[1]': 'not an e-mail domain',
    'input.allowedDomains': 'acme.example cannot be a domain of your organisation: another organisation signs in with it',
    'input.breakGlass[0]': 'bob@acme.example is no administrator of your organisation',
    'input.roleMapping[2].group': 'must not be empty',
    'input.issuerUrl': 'the issuer must be an https URL',
  };

  it('says a list field and its entries in one line, naming the entry', () => {
    expect(listProblem(fields, 'input.allowedDomains', ['acme.example', 'acme'])).toBe(
      'acme.example cannot be a domain of your organisation: another organisation signs in with it; acme: not an e-mail domain',
    );
    expect(listProblem(fields, 'input.breakGlass', ['bob@acme.example'])).toBe('bob@acme.example is no administrator of your organisation');
    expect(listProblem(fields, 'input.clientId', [])).toBeUndefined();
    expect(listProblem({ 'input.allowedDomains[0]': 'not an e-mail domain' }, 'input.allowedDomains', [])).toBe('not an e-mail domain');
  });

  it('does not take one list for another with a longer name', () => {
    expect(listProblem({ 'input.breakGlassX[0]': 'x' }, 'input.breakGlass', ['a'])).toBeUndefined();
  });

  it('knows every field the form shows, and only those', () => {
    const placed = placedFields({ ...fields, 'input.somethingNew': 'unknown' });
    expect(placed).toEqual(
      expect.arrayContaining(['input.issuerUrl', 'input.allowedDomains', 'input.allowedDomains[1]', 'input.breakGlass[0]', 'input.roleMapping[2].group']),
    );
    expect(placed).not.toContain('input.somethingNew');
  });
});
