/** Request retry policy (statuses, backoff) and outcomes by status class, through the compiler. */
import { loadMachine } from '@voiceman/runtime';
import { describe, expect, it } from 'vitest';
import { compileFlow, lintFlow, outcomesOf, type FlowGraph, type FlowNode } from '../src/index.js';
import { at } from './generate.js';
import { baseFlow } from './helpers.js';

/** ask1 "ready" → request r1 (ok and error → end1), with `data` over the defaults. */
function withRequest(data: Record<string, unknown> = {}, edges: [string, string][] = []): FlowGraph {
  const f = baseFlow();
  f.nodes.push({ id: 'r1', kind: 'request', position: at, data: { method: 'GET', url: 'https://wms.example/x', timeoutMs: 1000, retries: 0, mapping: [], ...data } } as FlowNode);
  f.edges.find((e) => e.id === 'e2')!.target = 'r1';
  f.edges.push({ id: 'ok', source: 'r1', outcome: 'ok', target: 'end1' }, { id: 'err', source: 'r1', outcome: 'error', target: 'end1' });
  for (const [outcome, target] of edges) f.edges.push({ id: `x-${outcome}`, source: 'r1', outcome, target });
  return f;
}

describe('request retry policy', () => {
  it('compiles statuses and backoff into the request params, and the machine is format 2', () => {
    const result = compileFlow(withRequest({ retries: 2, retryStatuses: [500, 503], backoff: { type: 'fixed', delayMs: 1000 } }));
    expect(result.diagnostics).toEqual([]);
    const params = result.machine!.states.r1!.entry![0]!.params;
    expect(params).toMatchObject({ retries: 2, retryStatuses: [500, 503], backoff: { type: 'fixed', delayMs: 1000 } });
    expect(result.machine!.meta.vm.formatVersion).toBe(2);
    expect(() => loadMachine(result.machine)).not.toThrow();
  });

  it('a request without them compiles as before (format 1, no new keys)', () => {
    const result = compileFlow(withRequest({ retries: 2 }));
    expect(Object.keys(result.machine!.states.r1!.entry![0]!.params).sort()).toEqual(['method', 'retries', 'timeoutMs', 'url']);
    expect(result.machine!.meta.vm.formatVersion).toBe(1);
  });

  it('the schema refuses a status outside 400–599 and a backoff over 60 s', () => {
    expect(lintFlow(withRequest({ retries: 1, retryStatuses: [302] })).map((d) => d.code)).toContain('flow-schema');
    expect(lintFlow(withRequest({ retries: 1, backoff: { type: 'fixed', delayMs: 120_000 } })).map((d) => d.code)).toContain('flow-schema');
  });

  it('a loop back into a request (through a say) points at the retry policy; a loop of says keeps the ask advice', () => {
    const f = withRequest();
    f.nodes.push({ id: 'sorry', kind: 'say', position: at, data: { text: { en: 'Trying again.' } } });
    f.edges.find((e) => e.id === 'err')!.target = 'sorry';
    f.edges.push({ id: 'back', source: 'sorry', outcome: 'next', target: 'r1' });
    const [loop] = lintFlow(f).filter((d) => d.code === 'loop-without-ask');
    expect(loop).toMatchObject({ nodeId: 'r1', field: '/retries' });
    expect(loop!.message).toMatch(/do not loop back into request "r1": set its retry policy instead \(retries, and retryStatuses such as \[500, 503\] with a backoff\)/);
    expect(loop!.message).not.toMatch(/Put an ask on the loop/);
    const says = baseFlow();
    says.nodes.push({ id: 's1', kind: 'say', position: at, data: { text: { en: 'A' } } }, { id: 's2', kind: 'say', position: at, data: { text: { en: 'B' } } });
    says.edges.find((e) => e.id === 'e2')!.target = 's1';
    says.edges.push({ id: 'a', source: 's1', outcome: 'next', target: 's2' }, { id: 'b', source: 's2', outcome: 'next', target: 's1' });
    expect(lintFlow(says).find((d) => d.code === 'loop-without-ask')!.message).toMatch(/Put an ask on the loop/);
  });
});

describe('request outcomes by status class', () => {
  it('each listed class is a handle between ok and error, compiled to REQUEST.<class>', () => {
    const f = withRequest({ errorOutcomes: ['timeout', 'notFound'] }, [['notFound', 'end1'], ['timeout', 'end1']]);
    expect(outcomesOf(f.nodes.find((n) => n.id === 'r1')!)).toEqual(['ok', 'notFound', 'timeout', 'error']);
    const result = compileFlow(f);
    expect(result.diagnostics).toEqual([]);
    // In canonical (code-unit) order, as every key of a compiled machine.
    expect(Object.keys(result.machine!.states.r1!.on!)).toEqual(['REQUEST.ERROR', 'REQUEST.OK', 'REQUEST.notFound', 'REQUEST.timeout']);
    expect(result.machine!.meta.vm.formatVersion).toBe(2);
  });

  it('a listed class left unconnected is a dead end; an edge from an unlisted class is unknown', () => {
    expect(lintFlow(withRequest({ errorOutcomes: ['serverError'] })).map((d) => [d.code, d.field])).toEqual([['dead-end', 'outcome:serverError']]);
    expect(lintFlow(withRequest({}, [['conflict', 'end1']])).map((d) => d.code)).toEqual(['edge-unknown-outcome']);
  });
});
