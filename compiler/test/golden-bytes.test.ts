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

// #15 (lang-ask): every check-digit step became a checked answer and case-picking's quantity
// read-back a conditional confirm (machine format version 2), so four examples changed on purpose.
const EXAMPLES: Record<string, string> = {
  'sign-on': 'a879a19b6c65262cf88c8efb3414838530f39f2365e29a14ec6bb6d3a6a4d0bd',
  'case-picking': 'cbfb0b0d607f8518555e1529a655eeabe6af1804adced0386f53294448611dfb',
  putaway: '280a9bdc325e9836c2bc5a48f61ff0b3fb71bf5ff91c47f29ba5ceee41bfbef7',
  replenishment: '0e2c00c557c566285c625ee142d3499c7cf7884222ba9f6f051198be33eb5cf4',
  'cycle-count': 'c4f3c485176094487fe67432e4371df15ef69e9f610a1e96c38fb2c19353b450',
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
