/**
 * Old flows compile to the same bytes: the published hashes of the example processes and the
 * fixtures, recorded before the compiler's speed work (precompiled flow schema, native canonical
 * JSON). A change that means to alter the machine format, or an edit of an example, updates
 * the hash here in the same commit and says why.
 */
import { exampleFlows, exampleReferenceData, resolveExampleProcess } from '@voiceman/examples';
import { describe, expect, it } from 'vitest';
import { canonicalForm, canonicalJsonReference } from '../src/canonical.js';
import { compileFlow } from '../src/index.js';
import { buildCallee, buildFlow } from './generate.js';
import { fixtureResolver, loadFixture } from './helpers.js';

// #15 changed every example on purpose: check-digit steps became checked answers and
// case-picking's quantity read-back a conditional confirm (lang-ask), sign-on tells a 404 from a
// WMS that is down and retries a 5xx, Russian counts use plural() (lang-flow), case-picking's
// "description" and "how much more" became in-place words (lang-words), and every top-level end
// outcome is carried into the machine (see FIXTURES).
const EXAMPLES: Record<string, string> = {
  'sign-on': '7fd44e3b3c49e2a4b74f6f044c5a40e071d4fd7b951ccbb0eb80fe5b077b5264',
  'case-picking': '395ef59f8e51bf5da59356b8770276d7cf10de0533c7f7e6d769eeb3b23547e7',
  putaway: 'c6657669fd25e4d3696d8f487dc24e087968160091b89f9c2dc9f2ebaa7ab53f',
  replenishment: '1d6b954c070419f5c85670f7a908bff833cb457e11025222352a03bbb1bf6261',
  'cycle-count': '830ba98656fe72b6470cff8e3869d36f1b884fc4296b1f6b2dd82ffd8dd413e9',
};
// 2026-12 (#15): top-level end nodes that name an `outcome` now carry it into the machine
// (`meta.vm.outcome` of the final state, for the dialog result); both fixtures name theirs.
// Still format 1: a runtime of format 1 ignores the key.
const FIXTURES: Record<string, string> = {
  'case-picking': '198602293c6b2560c21c30fad960c5eb157919c41c6ea962af66aed7d24c2ec7',
  'sign-on': 'f2132de7becde6e11a789c273899d0a92ea1820e0dc549e4581dbc3ebf9f9d67',
};

describe('old flows compile to the same bytes', () => {
  it('the example processes', () => {
    const hashes = Object.fromEntries(
      exampleFlows().map((flow) => [flow.process.key, compileFlow(flow, { resolveProcess: resolveExampleProcess, referenceData: exampleReferenceData() }).hash]),
    );
    expect(hashes).toEqual(EXAMPLES);
  });

  it('the compiler fixtures', () => {
    const hashes = Object.fromEntries(Object.keys(FIXTURES).map((name) => [name, compileFlow(loadFixture(name), { resolveProcess: fixtureResolver() }).hash]));
    expect(hashes).toEqual(FIXTURES);
  });

  it('a large generated flow: the canonical bytes are the reference writer’s', () => {
    const kinds = ['ask', 'say', 'decision', 'set', 'request'] as const;
    const result = compileFlow(buildFlow(Array.from({ length: 2000 }, (_, i) => ({ kind: kinds[i % kinds.length]!, extra: i % 3, back: (i * 7919) % 1000 })), { languages: ['en', 'ru'] }));
    expect(result.ok).toBe(true);
    expect(result.canonical === canonicalJsonReference(result.machine)).toBe(true);
  });

  // Speed, not bytes: a machine built with every key in order is hashed by one walk and native
  // JSON.stringify; a state built out of order would be copied, sorted, on every compile.
  it('the states of every kind are built in canonical key order (canonicalJson copies nothing)', () => {
    const kinds = ['ask', 'say', 'decision', 'set', 'request', 'subflow'] as const;
    const callee = buildCallee(['ru', 'en']);
    const flows = [
      ...exampleFlows().map((flow) => ({ flow, resolveProcess: resolveExampleProcess })),
      ...Object.keys(FIXTURES).map((name) => ({ flow: loadFixture(name), resolveProcess: fixtureResolver() })),
      { flow: buildFlow(Array.from({ length: 300 }, (_, i) => ({ kind: kinds[i % 6]!, extra: i % 3, back: (i * 7919) % 1000 })), { languages: ['ru', 'en'] }), resolveProcess: () => callee },
    ];
    const outOfOrder: string[] = [];
    for (const { flow, resolveProcess } of flows) {
      const result = compileFlow(flow, { resolveProcess, referenceData: exampleReferenceData() });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const machine = result.machine!;
      for (const [id, state] of Object.entries(machine.states)) {
        if (canonicalForm(state) !== state && state.meta.vm.outcome === undefined) outOfOrder.push(`${flow.process.key}: ${id}`);
      }
    }
    expect(outOfOrder).toEqual([]);
  });
});
