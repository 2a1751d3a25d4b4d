/**
 * docs/flow-format.md restates two registries for people: the diagnostic codes with their
 * severities (src/diagnostics.ts) and the node kinds (src/kinds/index.ts). These tests keep
 * the tables equal to the code, so a new code or kind cannot ship undocumented.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, nodeKinds } from '../src/index.js';

const doc = readFileSync(new URL('../../docs/flow-format.md', import.meta.url), 'utf8');

/** The rows (cells, trimmed) of the Markdown table whose header row is `header`. */
function table(header: string): string[][] {
  const lines = doc.split('\n');
  const start = lines.findIndex((line) => line.trim() === header);
  if (start < 0) throw new Error(`docs/flow-format.md has no table headed ${header}`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}

describe('docs/flow-format.md', () => {
  it('lists every diagnostic code once, with the severity the compiler gives it', () => {
    const rows = table('| code | severity | meaning |');
    const documented = rows.map(([code, severity]) => [code!.replace(/^`|`$/g, ''), severity]);
    expect(new Set(documented.map(([code]) => code)).size, 'a code is listed twice').toBe(documented.length);
    const inCode = Object.entries(DIAGNOSTIC_CODES).map(([code, { severity }]) => [code, severity]);
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(inCode));
  });

  it('has a row for every node kind of the registry', () => {
    const kinds = table('| kind | data | outcomes | compiles to |').map(([kind]) => kind);
    expect(kinds).toEqual(Object.keys(nodeKinds));
  });
});
