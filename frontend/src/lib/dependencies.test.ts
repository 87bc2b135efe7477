import { describe, expect, it } from 'vitest';
import {
  type DependencyRow,
  criticalityWords,
  dependencyPatch,
  endpoint,
  endpointPath,
  formOf,
  functionsOf,
  newDependency,
  removalSentence,
  sentence,
  serviceDeletion,
  singlePoints,
  sortDependencies,
} from './dependencies';

const portal = { id: 's1', name: 'Customer portal' };
const supplier = (id: string) => ({ id, legalName: `Supplier ${id}` });
const dep = (id: string, provider: string, fn: string | null, alternative = false): DependencyRow => ({
  id,
  function: fn,
  description: null,
  alternative,
  dependent: portal,
  provider: supplier(provider),
});

describe('dependencies in words', () => {
  it('explains criticality and names either end', () => {
    expect(criticalityWords(5)).toBe('5/5, vital');
    expect(criticalityWords(1)).toBe('1/5, low');
    expect(criticalityWords(7)).toBe('7/5');
    expect(endpoint(supplier('a'))).toEqual({ id: 'a', name: 'Supplier a', kind: 'supplier' });
    expect(endpointPath(endpoint(portal))).toBe('/services/s1');
    expect(endpointPath(endpoint(supplier('a')))).toBe('/suppliers/a');
  });

  it('finds the single points of failure of a critical service as the API does', () => {
    const deps = [
      dep('1', 'a', 'payments'),
      dep('2', 'b', 'hosting'),
      dep('3', 'c', 'hosting'),
      dep('4', 'd', 'sign-in'),
      dep('5', 'e', 'sign-in', true),
      dep('6', 'f', null),
    ];
    expect([...singlePoints({ criticality: 5, nis2Critical: false }, deps)]).toEqual(['1']);
    expect([...singlePoints({ criticality: 2, nis2Critical: true }, deps)]).toEqual(['1']);
    expect(singlePoints({ criticality: 3, nis2Critical: false }, deps).size).toBe(0);
    // A service as provider is no supplier: not judged.
    const onService: DependencyRow = { ...dep('7', 'x', 'reporting'), provider: { id: 's2', name: 'Data warehouse' } };
    expect(singlePoints({ criticality: 5, nis2Critical: true }, [onService]).size).toBe(0);
  });

  it('sends only what changed, blank text as null', () => {
    const before = formOf({ function: 'payments', description: 'Card payments', alternative: false });
    expect(dependencyPatch(before, { ...before })).toEqual({});
    expect(dependencyPatch(before, { ...before, function: ' card payments ' })).toEqual({ function: 'card payments' });
    expect(dependencyPatch(before, { function: 'payments', description: '  ', alternative: true })).toEqual({ description: null, alternative: true });
    expect(formOf()).toEqual({ function: '', description: '', alternative: false });
    expect(newDependency('d', 'p', { function: ' ', description: 'x', alternative: false })).toEqual({
      dependentId: 'd',
      providerId: 'p',
      function: null,
      description: 'x',
      alternative: false,
    });
  });

  it('groups by function, the primary before its alternative, the unnamed last', () => {
    const rows = [dep('1', 'z', null), dep('2', 'b', 'hosting', true), dep('3', 'c', 'hosting'), dep('4', 'a', 'payments'), dep('5', 'a', null)];
    expect(sortDependencies(rows, 'provider').map((d) => d.id)).toEqual(['3', '2', '4', '5', '1']);
    expect(rows.map((d) => d.id)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('suggests each named function once', () => {
    expect(functionsOf([{ function: 'payments' }, { function: null }, { function: 'hosting' }, { function: 'payments' }])).toEqual(['hosting', 'payments']);
  });

  it('ends a sentence once, also after a name ending in a full stop', () => {
    expect(sentence('Payroll relies on Stratoforge Cloud B.V.')).toBe('Payroll relies on Stratoforge Cloud B.V.');
    expect(sentence('Payroll relies on Cumulus Nine Hosting GmbH')).toBe('Payroll relies on Cumulus Nine Hosting GmbH.');
    const onBv: DependencyRow = { ...dep('1', 'a', null), provider: { id: 'b', legalName: 'Stratoforge Cloud B.V.' } };
    expect(removalSentence(onBv)).toBe('Customer portal will no longer be recorded as relying on Stratoforge Cloud B.V. Both stay in the register.');
  });

  it('says what a removal and a deletion take away', () => {
    expect(removalSentence(dep('1', 'a', 'payments'))).toBe(
      'Customer portal will no longer be recorded as relying on Supplier a for payments. Both stay in the register.',
    );
    expect(removalSentence(dep('1', 'a', null))).toBe('Customer portal will no longer be recorded as relying on Supplier a. Both stay in the register.');
    const tail = ' The suppliers stay in the register with their assessments and findings. This cannot be undone.';
    expect(serviceDeletion({ name: 'Customer portal', dependsOn: [], dependents: [] })).toBe(
      `This deletes the service Customer portal; it has no dependency recorded.${tail}`,
    );
    const user: DependencyRow = { ...dep('9', 'x', null), dependent: { id: 's3', name: 'Mobile app' }, provider: portal };
    expect(serviceDeletion({ name: 'Customer portal', dependsOn: [dep('2', 'b', null), dep('1', 'a', null)], dependents: [user] })).toBe(
      `This deletes the service Customer portal and its 3 dependencies: it relies on Supplier a and Supplier b; Mobile app relies on it.${tail}`,
    );
    expect(serviceDeletion({ name: 'X', dependsOn: [dep('1', 'a', null)], dependents: [] })).toBe(
      `This deletes the service X and its dependency: it relies on Supplier a.${tail}`,
    );
    const onBv: DependencyRow = { ...dep('1', 'a', null), provider: { id: 'b', legalName: 'Stratoforge Cloud B.V.' } };
    expect(serviceDeletion({ name: 'X', dependsOn: [onBv], dependents: [] })).toBe(
      `This deletes the service X and its dependency: it relies on Stratoforge Cloud B.V.${tail}`,
    );
  });
});
