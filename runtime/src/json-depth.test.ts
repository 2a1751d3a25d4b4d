import { describe, expect, it } from 'vitest';
import { depthProblem } from './json-depth.js';

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

describe('depthProblem', () => {
  it('accepts values up to the limit and names the first path below it', () => {
    expect(depthProblem(nested(4), 4)).toBeNull();
    expect(depthProblem({ a: [1, { b: 2 }], c: 'x' }, 3)).toBeNull();
    expect(depthProblem({ ok: 1, 'a/b': [[[1]]] }, 3)).toEqual({ path: '/a~1b/0/0', message: 'the value nests deeper than 3 levels at /a~1b/0/0' });
  });

  it('walks 100,000 levels without overflowing the stack, and stops at a cycle', () => {
    expect(depthProblem(nested(100_000), 64)?.path.split('/').length).toBe(65);
    // Limits above the recursion bound walk with a stack, with the same answer.
    expect(depthProblem(nested(100_000), 5000)?.path.split('/').length).toBe(5001);
    expect(depthProblem(nested(4999), 5000)).toBeNull();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(depthProblem(cyclic, 10)?.message).toMatch(/deeper than 10/);
  });
});
