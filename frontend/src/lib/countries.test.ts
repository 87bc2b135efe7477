import { describe, expect, it } from 'vitest';
import { COUNTRIES } from './countries';

describe('countries', () => {
  it('names each country with its code, Germany as DE and Georgia as GE', () => {
    const label = (code: string) => COUNTRIES.find((c) => c.value === code)?.label;
    expect(label('DE')).toBe('Germany (DE)');
    expect(label('GE')).toBe('Georgia (GE)');
    expect(COUNTRIES.length).toBeGreaterThan(240);
    expect(COUNTRIES.some((c) => ['EU', 'UN', 'ZZ'].includes(c.value))).toBe(false);
    expect(new Set(COUNTRIES.map((c) => c.value)).size).toBe(COUNTRIES.length);
  });
});
