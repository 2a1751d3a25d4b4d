/**
 * Old flows compile to the same bytes: the published hashes of the example processes and the
 * fixtures, recorded before the compiler's speed work (precompiled flow schema, native canonical
 * JSON). A change that means to alter the machine format, or an edit of an example, updates
 * the hash here in the same commit and says why.
 */
import { exampleFlows, exampleReferenceData, resolveExampleProcess } from '@voiceman/examples';
import { describe, expect, it } from 'vitest';
import { canonicalJsonReference } from '../src/canonical.js';
import { compileFlow } from '../src/index.js';
import { buildFlow } from './generate.js';
import { fixtureResolver, loadFixture } from './helpers.js';

const EXAMPLES: Record<string, string> = {
  'sign-on': '7fd44e3b3c49e2a4b74f6f044c5a40e071d4fd7b951ccbb0eb80fe5b077b5264',
  'case-picking': '34d0e60644f93f2fdcce2b3ee52a717b0a455c86eab50b7704688ca5f61234c7',
  putaway: '25e9ce6a22fc3c75b0798696d5a93da45ab553d548ac6065817949768c17035a',
  replenishment: 'ef4fb73607131d706da152a82656302413519c280847b905905b369650e64237',
  'cycle-count': '7edfdc76edf91146c67f7f97ecf5b49a618ba75e147f84095120ea42fc4fc700',
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
});
