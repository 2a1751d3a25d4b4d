import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jobJson, jobsJson } from './job-json.js';
import type { AskJob, Job } from './jobs.js';

const text = fc.string({ unit: 'binary', maxLength: 30 });
const askJob: fc.Arbitrary<AskJob> = fc
  .record({
    stateId: text,
    prompt: text,
    reprompts: fc.array(text, { maxLength: 3 }),
    bounds: fc.dictionary(fc.constantFrom('qty', 'weight'), fc.record({ min: fc.integer(), max: fc.double({ noNaN: true, noDefaultInfinity: true }) }, { requiredKeys: [] })),
    timeoutMs: fc.integer({ min: 0, max: 100000 }),
    minConfidence: fc.double({ min: 0, max: 1, noNaN: true }),
    help: fc.option(text, { nil: undefined }),
  })
  .map(({ stateId, prompt, reprompts, bounds, timeoutMs, minConfidence, help }) => {
    // Built as ask.ts builds it: help last, only when there is one.
    const job: AskJob = { kind: 'ask', stateId, language: 'en', prompt, noInput: { reprompts, maxAttempts: 3 }, noMatch: { reprompts: [], maxAttempts: 2 }, bounds, timeoutMs, minConfidence };
    if (help !== undefined) job.help = help;
    return job;
  });

describe('job JSON in the session record', () => {
  it('is the same text as JSON.stringify for ask jobs (any texts, bounds, with or without help) and lists of jobs', () => {
    fc.assert(
      fc.property(fc.array(askJob, { maxLength: 3 }), (jobs) => {
        for (const job of jobs) expect(jobJson(job)).toBe(JSON.stringify(job));
        expect(jobsJson(jobs)).toBe(JSON.stringify(jobs));
      }),
    );
  });

  it('writes a state\'s next ask job as JSON.stringify does, whatever changed since the one before', () => {
    const base: AskJob = { kind: 'ask', stateId: 'q', language: 'en', prompt: 'Qty 1?', noInput: { reprompts: ['Again'], maxAttempts: 3 }, noMatch: { reprompts: [], maxAttempts: 2 }, bounds: {}, timeoutMs: 5000, minConfidence: 0.5 };
    const variants: AskJob[] = [
      { ...base, prompt: 'Qty 2?' },
      { ...base, noInput: { reprompts: ['Once more'], maxAttempts: 3 } },
      { ...base, noInput: { reprompts: ['Once more'], maxAttempts: 4 } },
      { ...base, noMatch: { reprompts: ['Say a number'], maxAttempts: 2 } },
      { ...base, bounds: { qty: { max: 7 } } },
      { ...base, bounds: { qty: { max: 8 } } },
      { ...base, timeoutMs: 7000 },
      { ...base, minConfidence: 0.6 },
      { ...base, help: 'Say the quantity' },
      { ...base, help: 'Say the count' },
      { ...base, language: 'ru', prompt: 'Сколько?' },
      base,
    ];
    for (const job of [...variants, ...variants.reverse()]) expect(jobJson({ ...job })).toBe(JSON.stringify(job));
  });

  it('writes any other job, or an ask job of another shape, generically: nothing is dropped', () => {
    const say: Job = { kind: 'say', stateId: 's', text: 'Hello', language: 'en' };
    const odd = { kind: 'ask', stateId: 'q', language: 'en', prompt: 'P', noInput: { reprompts: [], maxAttempts: 1 }, noMatch: { reprompts: [], maxAttempts: 1 }, bounds: {}, timeoutMs: 1, minConfidence: 0.5, extra: 'kept' } as unknown as Job;
    const missing = { kind: 'ask', stateId: 'q', language: 'en', prompt: 'P', noInput: { reprompts: [], maxAttempts: 1 }, noMatch: { reprompts: [], maxAttempts: 1 }, timeoutMs: 1, minConfidence: 0.5, extra: 'kept' } as unknown as Job;
    for (const job of [say, odd, missing]) expect(jobJson(job)).toBe(JSON.stringify(job));
    expect(jobJson(null)).toBe('null');
  });
});
