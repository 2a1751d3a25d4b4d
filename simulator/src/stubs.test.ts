import { describe, expect, it } from 'vitest';
import { pick } from '../test/machines.js';
import { checkStubs, StubError, StubMatcher, stubProblems } from './stubs.js';

describe('stub matcher', () => {
  it('answers a node in order and repeats the last answer', () => {
    const m = new StubMatcher({ getAssignment: [{ timeout: true }, { status: 500 }, { status: 200, body: { ok: true } }] });
    expect([1, 2, 3, 4, 5].map(() => m.next('getAssignment'))).toEqual([{ timeout: true }, { status: 500 }, { status: 200, body: { ok: true } }, { status: 200, body: { ok: true } }, { status: 200, body: { ok: true } }]);
    expect(m.next('otherNode')).toBeUndefined();
    expect(m.next(null)).toBeUndefined();
  });

  it('rewinds to saved counters (step back)', () => {
    const m = new StubMatcher({ a: [{ status: 201 }, { status: 202 }] });
    m.next('a');
    const saved = m.counters();
    m.next('a');
    m.restore(saved);
    expect(m.next('a')).toEqual({ status: 202 });
    m.restore({});
    expect(m.next('a')).toEqual({ status: 201 });
  });

  it('never reads inherited properties as stubs', () => {
    expect(new StubMatcher({}).next('constructor')).toBeUndefined();
    expect(stubProblems(pick(), { toString: [{ status: 200 }] })).toEqual(['stub for "toString": the process has no node with this id']);
  });

  it('names a stub for a node that is no request node, or no node at all', () => {
    const machine = pick();
    expect(stubProblems(machine, { getAssignment: [{ status: 200 }] })).toEqual([]);
    expect(stubProblems(machine, { operatorId: [{ status: 200 }] })).toEqual(['stub for "operatorId": it is a node of kind "ask", not a request node']);
    expect(stubProblems(machine, { ghost: [{ status: 200 }] })).toEqual(['stub for "ghost": the process has no node with this id']);
    expect(() => checkStubs(machine, { operatorId: [{ status: 200 }] })).toThrow(StubError);
  });

  it('checks each answer', () => {
    const machine = pick();
    expect(stubProblems(machine, { getAssignment: [] })).toEqual(['stub for "getAssignment": needs a non-empty list of answers']);
    expect(stubProblems(machine, { getAssignment: [{ status: 42 }, { timeout: false }, { networkError: 7 }, { status: 200, delayMs: -1 }, { status: 200, headers: { a: 1 } }] })).toEqual([
      'stub for "getAssignment", answer 1: needs "status" (an HTTP status 100-599), "timeout": true or "networkError"',
      'stub for "getAssignment", answer 2: "timeout" must be true',
      'stub for "getAssignment", answer 3: "networkError" must be a message string',
      'stub for "getAssignment", answer 4: "delayMs" must be 0-3600000',
      'stub for "getAssignment", answer 5: "headers" must map names to strings',
    ]);
    expect(stubProblems(machine, [])).toEqual(['stubs must map request node ids to lists of answers']);
    expect(stubProblems(machine, undefined)).toEqual([]);
  });
});
