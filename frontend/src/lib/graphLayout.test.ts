import { describe, expect, it } from 'vitest';
import { beneath, layout } from './graphLayout';

const nodes = [
  { id: 's', kind: 'service' as const, name: 'Portal' },
  { id: 'a', kind: 'supplier' as const, name: 'Alpha' },
  { id: 'b', kind: 'supplier' as const, name: 'Beta' },
  { id: 'c', kind: 'supplier' as const, name: 'Gamma' },
  { id: 'x', kind: 'supplier' as const, name: 'Loose end' },
];
const edges = [
  { dependent: 's', provider: 'a' },
  { dependent: 'a', provider: 'b' },
  { dependent: 'b', provider: 'a' },
  { dependent: 's', provider: 'b' },
  { dependent: 'b', provider: 'c' },
];

describe('graph layout', () => {
  it('puts each node in the column of its shortest distance from a service, cycles included', () => {
    const placed = Object.fromEntries(layout(nodes, edges).nodes.map((n) => [n.id, n.layer]));
    expect(placed).toEqual({ s: 0, a: 1, b: 1, c: 2, x: 3 });
  });

  it('focuses on what a service reaches', () => {
    expect([...beneath('s', edges)].sort()).toEqual(['a', 'b', 'c', 's']);
    expect([...beneath('c', edges)]).toEqual(['c']);
  });
});
