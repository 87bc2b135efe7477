// Services and the dependencies between them and suppliers, in the portal's words: criticality
// explained, either end of a dependency as a name and a link, the single points of failure as
// the API judges them, what a change sends and what a deletion takes with it.

/** Criticality 1-5 in words, as the analyst picks it. */
export const CRITICALITY = [
  { level: 1, word: 'low', meaning: 'It can stop for days without real harm.' },
  { level: 2, word: 'moderate', meaning: 'A stop is an inconvenience that people work around.' },
  { level: 3, word: 'significant', meaning: 'A stop of a day hurts customers, revenue or colleagues.' },
  { level: 4, word: 'high', meaning: 'A stop of hours hurts customers, revenue or compliance.' },
  { level: 5, word: 'vital', meaning: 'The organisation cannot operate without it.' },
] as const;

/** "4/5, high". */
export function criticalityWords(level: number): string {
  const entry = CRITICALITY.find((c) => c.level === level);
  return entry ? `${level}/5, ${entry.word}` : `${level}/5`;
}

/** Critical as the API counts it for single points of failure: NIS 2 critical, or 4 or 5. */
export function isCritical(service: { criticality: number; nis2Critical: boolean }): boolean {
  return service.nis2Critical || service.criticality >= 4;
}

/** Either end of a dependency as the API answers it (a supplier or one of your services). */
export type RawNode = { id: string; legalName: string } | { id: string; name: string };

export interface Endpoint {
  id: string;
  name: string;
  kind: 'supplier' | 'service';
}

export function endpoint(node: RawNode): Endpoint {
  return 'legalName' in node ? { id: node.id, name: node.legalName, kind: 'supplier' } : { id: node.id, name: node.name, kind: 'service' };
}

/** Where the portal shows a supplier or service. */
export function endpointPath(node: Endpoint): string {
  return node.kind === 'supplier' ? `/suppliers/${node.id}` : `/services/${node.id}`;
}

/** One dependency: `dependent` relies on `provider`. */
export interface DependencyRow {
  id: string;
  function?: string | null;
  description?: string | null;
  alternative: boolean;
  dependent: RawNode;
  provider: RawNode;
}

/**
 * The dependencies of `service` that are single points of failure, by id: for a critical
 * service, a function served by exactly one supplier that is not marked as an alternative, and
 * by no marked alternative. Dependencies without a function are not judged (as by the API).
 */
export function singlePoints(service: { criticality: number; nis2Critical: boolean }, dependsOn: readonly DependencyRow[]): Set<string> {
  const found = new Set<string>();
  if (!isCritical(service)) return found;
  const byFunction = new Map<string, { primary: string[]; alternatives: number }>();
  for (const d of dependsOn) {
    if (!d.function || endpoint(d.provider).kind !== 'supplier') continue;
    const entry = byFunction.get(d.function) ?? { primary: [], alternatives: 0 };
    if (d.alternative) entry.alternatives += 1;
    else entry.primary.push(d.id);
    byFunction.set(d.function, entry);
  }
  for (const { primary, alternatives } of byFunction.values()) if (primary.length === 1 && alternatives === 0) found.add(primary[0]);
  return found;
}

/** Dependencies as the lists show them: grouped by function (the unnamed last), the primary
 * provider before its alternatives, then by the name of the end shown. */
export function sortDependencies<T extends DependencyRow>(rows: readonly T[], show: 'provider' | 'dependent'): T[] {
  const name = (d: T) => endpoint(d[show]).name;
  return [...rows].sort(
    (a, b) =>
      Number(!a.function) - Number(!b.function) ||
      (a.function ?? '').localeCompare(b.function ?? '') ||
      Number(a.alternative) - Number(b.alternative) ||
      name(a).localeCompare(name(b)),
  );
}

/** What the dependency form holds. */
export interface DependencyForm {
  function: string;
  description: string;
  alternative: boolean;
}

export function formOf(dependency?: Pick<DependencyRow, 'function' | 'description' | 'alternative'>): DependencyForm {
  return { function: dependency?.function ?? '', description: dependency?.description ?? '', alternative: dependency?.alternative ?? false };
}

const text = (value: string) => value.trim() || null;

/** The fields of a new dependency, blank text as absent. */
export function newDependency(dependentId: string, providerId: string, form: DependencyForm) {
  return { dependentId, providerId, function: text(form.function), description: text(form.description), alternative: form.alternative };
}

/** Only what the form changed; a text emptied is sent as null, which clears it. */
export function dependencyPatch(
  before: DependencyForm,
  after: DependencyForm,
): { function?: string | null; description?: string | null; alternative?: boolean } {
  const patch: { function?: string | null; description?: string | null; alternative?: boolean } = {};
  if (text(after.function) !== text(before.function)) patch.function = text(after.function);
  if (text(after.description) !== text(before.description)) patch.description = text(after.description);
  if (after.alternative !== before.alternative) patch.alternative = after.alternative;
  return patch;
}

/** The functions named among `dependencies`, once each, alphabetical: suggestions for the form. */
export function functionsOf(dependencies: readonly { function?: string | null }[]): string[] {
  return [...new Set(dependencies.map((d) => d.function).filter((f): f is string => !!f))].sort();
}

/** `text` ended with a full stop, unless it ends with one already ("Stratoforge Cloud B.V."). */
export function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** What removing a dependency means, in one sentence. */
export function removalSentence(d: DependencyRow): string {
  const dependent = endpoint(d.dependent).name;
  const provider = endpoint(d.provider).name;
  const what = d.function ? ` for ${d.function}` : '';
  return `${sentence(`${dependent} will no longer be recorded as relying on ${provider}${what}`)} Both stay in the register.`;
}

const list = (names: string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/** What deleting a service removes with it, in words. */
export function serviceDeletion(service: { name: string; dependsOn: readonly DependencyRow[]; dependents: readonly DependencyRow[] }): string {
  const providers = service.dependsOn.map((d) => endpoint(d.provider).name).sort();
  const dependents = service.dependents.map((d) => endpoint(d.dependent).name).sort();
  const total = providers.length + dependents.length;
  const parts = [`This deletes the service ${service.name}`];
  if (total === 0) parts[0] += '; it has no dependency recorded.';
  else {
    parts[0] += ` and its ${total === 1 ? 'dependency' : `${total} dependencies`}:`;
    if (providers.length) parts.push(`it relies on ${list(providers)}`);
    if (dependents.length) parts.push(`${list(dependents)} ${dependents.length === 1 ? 'relies' : 'rely'} on it`);
  }
  const body = parts.length > 1 ? sentence(`${parts[0]} ${parts.slice(1).join('; ')}`) : parts[0];
  return `${body} The suppliers stay in the register with their assessments and findings. This cannot be undone.`;
}
