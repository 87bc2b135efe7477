// The identity provider's settings as the form holds them, what is sent to
// `configureIdentityProvider`, and the API's refusals placed at the form's fields, lists
// included (a domain or a break-glass address refused by its place in the list).
import type { IdentityProviderInput, Role } from '../gql/graphql';

/** The default role's choice for people none of whose groups is mapped: a role, or refusal. */
export const REFUSE = 'REFUSE';

export interface RoleRow {
  group: string;
  role: Role;
}

export interface ProviderForm {
  issuerUrl: string;
  clientId: string;
  /** Empty: the saved secret is kept. */
  clientSecret: string;
  allowedDomains: string[];
  groupsClaim: string;
  roleMapping: RoleRow[];
  defaultRole: Role | typeof REFUSE;
  ssoRequired: boolean;
  breakGlass: string[];
}

/** What the API answers for a configured provider (the fields the form needs). */
export interface SavedProvider {
  issuerUrl: string;
  clientId: string;
  allowedDomains: string[];
  groupsClaim: string;
  roleMapping: RoleRow[];
  defaultRole?: Role | null;
  ssoRequired: boolean;
  breakGlass: string[];
}

/** The form for the saved provider, or a new one (a mapping row to fill, the signed-in
 * administrator proposed as break-glass). */
export function formFrom(saved: SavedProvider | null | undefined, me?: string | null): ProviderForm {
  if (!saved) {
    return {
      issuerUrl: '',
      clientId: '',
      clientSecret: '',
      allowedDomains: [],
      groupsClaim: 'groups',
      roleMapping: [{ group: '', role: 'ANALYST' }],
      defaultRole: REFUSE,
      ssoRequired: false,
      breakGlass: me ? [me] : [],
    };
  }
  return {
    issuerUrl: saved.issuerUrl,
    clientId: saved.clientId,
    clientSecret: '',
    allowedDomains: [...saved.allowedDomains],
    groupsClaim: saved.groupsClaim,
    roleMapping: saved.roleMapping.map(({ group, role }) => ({ group, role })),
    defaultRole: saved.defaultRole ?? REFUSE,
    ssoRequired: saved.ssoRequired,
    breakGlass: [...saved.breakGlass],
  };
}

/** The mutation's input: trimmed, the secret left out when empty (the saved one is kept),
 * every mapping row sent as it stands so that a refusal's index is the row's. */
export function inputFrom(form: ProviderForm): IdentityProviderInput {
  const secret = form.clientSecret.trim();
  return {
    issuerUrl: form.issuerUrl.trim(),
    clientId: form.clientId.trim(),
    ...(secret ? { clientSecret: secret } : {}),
    allowedDomains: form.allowedDomains.map((d) => d.trim()).filter(Boolean),
    groupsClaim: form.groupsClaim.trim() || null,
    roleMapping: form.roleMapping.map(({ group, role }) => ({ group: group.trim(), role })),
    defaultRole: form.defaultRole === REFUSE ? null : form.defaultRole,
    ssoRequired: form.ssoRequired,
    breakGlass: form.breakGlass.map((e) => e.trim().toLowerCase()).filter(Boolean),
  };
}

/** The refusals of a list field in one line: the list's own (`input.allowedDomains`) and each
 * entry's (`input.allowedDomains[1]`), naming the entry. */
export function listProblem(fields: Record<string, string>, path: string, values: readonly string[]): string | undefined {
  const said: string[] = [];
  if (fields[path]) said.push(fields[path]);
  const entry = new RegExp(`^${path.replace(/[.[\]]/g, '\\$&')}\\[(\\d+)\\]$`);
  for (const [field, message] of Object.entries(fields)) {
    const index = field.match(entry)?.[1];
    if (index === undefined) continue;
    const value = values[Number(index)];
    // Messages that already name the entry ("x@y is no administrator") are not prefixed twice.
    said.push(value && !message.includes(value) ? `${value}: ${message}` : message);
  }
  return said.length ? said.join('; ') : undefined;
}

/** The fields of the form, for `unplacedProblem`: every path the form shows at a field. */
export function placedFields(fields: Record<string, string>): string[] {
  const at = ['input.issuerUrl', 'input.clientId', 'input.clientSecret', 'input.groupsClaim', 'input.defaultRole', 'input.ssoRequired'];
  const lists = /^input\.(allowedDomains|breakGlass)(\[\d+\])?$|^input\.roleMapping\[\d+\]\.(group|role)$/;
  return [...at, ...Object.keys(fields).filter((f) => lists.test(f))];
}
