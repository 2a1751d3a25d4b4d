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
  'sign-on': 'a879a19b6c65262cf88c8efb3414838530f39f2365e29a14ec6bb6d3a6a4d0bd',
  // 2026-12: "description" and "how much more" became in-place words (issue #15).
  'case-picking': '95009d226fa923d1464c2e4260afffee8a2ecf23ef42048f0abc7ff582c9af15',
  putaway: '80f28560335e974900de9c7423f37c0967b4fe266016d32a5d7f2c442cd6cbb1',
  replenishment: 'f232ed297b78b195bfa5da7536b647907bcd079fa3c240c9f84f0ec1e81af826',
  'cycle-count': '0ba6692f80a96283da867d20801477e4ba9149685d11ad8dabefc327c616f3c7',
};
const FIXTURES: Record<string, string> = {
  'case-picking': '15a9f9928ca65fcd32c61638aacec571e9ed9c8a0c2461bc30eef838668cb11c',
  'sign-on': 'e6e320786f784c9095a3286e3a7d7b45e27220a697728c669b6778f7043aced1',
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
