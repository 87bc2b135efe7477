// Countries to pick from, named in words: a two-letter box let "Germany" be typed as "GE"
// (Georgia) without a word of warning. The list is every ISO 3166-1 region the browser can
// name, so nothing is downloaded; the API still checks the code.

/** Names a browser knows that are not countries. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);

export interface Country {
  value: string;
  label: string;
}

export function countries(locale = 'en'): Country[] {
  const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
  const list: Country[] = [];
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b;
      if (NOT_COUNTRIES.has(code)) continue;
      const name = names.of(code);
      if (name && name !== code) list.push({ value: code, label: `${name} (${code})` });
    }
  }
  return list.sort((x, y) => x.label.localeCompare(y.label, locale));
}

export const COUNTRIES = countries();
