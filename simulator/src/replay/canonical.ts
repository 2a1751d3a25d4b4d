/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
export const canonicalJson = (v: unknown): string =>
  v === undefined ? '' : JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
