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
  'sign-on': '74cce22e7175dd42fac2a970edcbe6e0ba05c13b1975c3324703f31dfcee4a45',
  'case-picking': '34d05ee55872878736518497f58e960f1f91e0df3917a736a23c6bacc3c59f42',
  putaway: 'c3081a10c3e2e487273c3aaa28029e62db6bc1746d1bbf0116877195c629a9ee',
  replenishment: '85c0ff9410d0bf37a1dc4407a2df9c0670210776d6076ac73a3e3e301cd12589',
  'cycle-count': '98235b9de8a16bfcde2c304d9d7d9d22efde45898fe9c0dc13ded66dbcfee408',
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
