/**
 * loadMachine on anything: a valid machine with random parts replaced, removed or nested deep,
 * and arbitrary values. It loads or throws MachineValidationError with issues, never anything
 * else, and never hangs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MachineValidationError, loadMachine } from '../src/index.js';
import { pickMachine } from './fixtures.js';
import { askMachine } from './helpers.js';

/** Every path to a value inside `value` (objects and arrays, 12 levels at most), root excluded. */
function paths(value: unknown, at: string[] = [], out: string[][] = []): string[][] {
  if (value && typeof value === 'object' && at.length < 12) {
    for (const [k, v] of Object.entries(value)) {
      const p = [...at, k];
      out.push(p);
      paths(v, p, out);
    }
  }
  return out;
}

const deep = (depth: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = { d: v };
  return v;
};

const replacementArb = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(undefined, null, '', '{{', '}}', 'x.matches("(")', '[1].map(x, x)', '__proto__', -1, 1e308, Number.NaN),
  fc.integer({ min: 300, max: 5000 }).map(deep),
);

const mutationArb = fc.record({ target: fc.nat(), op: fc.constantFrom('replace', 'delete', 'rename'), value: replacementArb, name: fc.constantFrom('__proto__', 'constructor', 'loop', 'a.b', '#x', '', 'on', 'states') });

function mutate(machine: unknown, mutations: { target: number; op: string; value: unknown; name: string }[]): unknown {
  const m = JSON.parse(JSON.stringify(machine)) as Record<string, unknown>;
  for (const mutation of mutations) {
    const all = paths(m);
    if (all.length === 0) break;
    const path = all[mutation.target % all.length]!;
    let parent: Record<string, unknown> = m;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
    const key = path[path.length - 1]!;
    if (mutation.op === 'delete') delete parent[key];
    else if (mutation.op === 'rename') {
      Object.defineProperty(parent, mutation.name, { value: parent[key], enumerable: true, configurable: true, writable: true });
      delete parent[key];
    } else parent[key] = mutation.value;
  }
  return m;
}

function loadOutcome(json: unknown): 'loaded' | 'refused' {
  try {
    loadMachine(json);
    return 'loaded';
  } catch (error) {
    if (!(error instanceof MachineValidationError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
    for (const issue of error.issues) expect(typeof issue.message).toBe('string');
    return 'refused';
  }
}

describe('loadMachine (property)', () => {
  it('a valid machine with random parts replaced, removed or renamed loads or is refused with issues', () => {
    const seen = { loaded: 0, refused: 0 };
    fc.assert(
      fc.property(fc.constantFrom(pickMachine, askMachine()), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (machine, mutations) => {
        seen[loadOutcome(mutate(machine, mutations))]++;
      }),
      { numRuns: 300 },
    );
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.loaded).toBeGreaterThan(0);
  }, 120_000);

  it('arbitrary values and very deep ones are refused, never thrown at', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.integer({ min: 1, max: 50_000 }).map(deep)), (value) => {
        expect(loadOutcome(value)).toBe('refused');
      }),
      { numRuns: 200 },
    );
  });
});
