import { describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { numberArrayLiteral, textArrayLiteral } from './array-literal.js';

describe('array literals', () => {
  it('PostgreSQL reads back exactly the strings, nulls and numbers given', async () => {
    const texts = ['plain', '', 'NULL', 'null', 'a,b', '{braces}', 'quote " in', 'back\\slash', '\\"', ' spaced ', 'Привет', '😀', 'tab\tnew\nline', null];
    const numbers = [0, 1, -1, 2_147_483_647, 1733140000000.5, 1e-7];
    const db = new PGlite();
    try {
      const { rows } = await db.query<{ t: (string | null)[]; n: number[] }>('SELECT $1::text[] AS t, $2::float8[] AS n', [textArrayLiteral(texts), numberArrayLiteral(numbers)]);
      expect(rows[0]!.t).toEqual(texts);
      expect(rows[0]!.n).toEqual(numbers);
    } finally {
      await db.close();
    }
  });

  it('an empty list is an empty array', () => {
    expect(textArrayLiteral([])).toBe('{}');
    expect(numberArrayLiteral([])).toBe('{}');
  });
});
