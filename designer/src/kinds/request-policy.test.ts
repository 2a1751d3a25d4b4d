import { describe, expect, it } from 'vitest';
import { defaultNodeData, outcomesOf, type FlowNode } from '@voiceman/compiler';
import { parseStatuses, policySummary, withBackoff, withErrorOutcome, withRetryStatuses } from './request-policy.js';

const base = () => defaultNodeData('request');

describe('request retry policy edits', () => {
  it('reads typed statuses: 400–599 once each, the rest reported', () => {
    expect(parseStatuses(['500', '503', '500', '200', 'abc', '5000'])).toEqual({ statuses: [500, 503], invalid: ['200', 'abc', '5000'] });
  });

  it('an empty status list removes the property, so the request compiles as before', () => {
    const d = withRetryStatuses(base(), [500, 503]);
    expect(d.retryStatuses).toEqual([500, 503]);
    expect('retryStatuses' in withRetryStatuses(d, [])).toBe(false);
  });

  it('backoff: default removes it, fixed drops a max, exponential keeps it, times clamp to 0–60 s', () => {
    const fixed = withBackoff(base(), { type: 'fixed', delayMs: 2000 });
    expect(fixed.backoff).toEqual({ type: 'fixed', delayMs: 2000 });
    const exp = withBackoff(fixed, { type: 'exponential', maxDelayMs: 90_000 });
    expect(exp.backoff).toEqual({ type: 'exponential', delayMs: 2000, maxDelayMs: 60_000 });
    expect(withBackoff(exp, { type: 'fixed' }).backoff).toEqual({ type: 'fixed', delayMs: 2000 });
    expect(withBackoff(exp, { type: 'exponential', delayMs: -5 }).backoff).toMatchObject({ delayMs: 0 });
    expect('backoff' in withBackoff(exp, { type: 'default' })).toBe(false);
  });

  it('failure classes become handles in order; unticking the last removes the list', () => {
    let d = withErrorOutcome(base(), 'timeout', true);
    d = withErrorOutcome(d, 'notFound', true);
    expect(d.errorOutcomes).toEqual(['notFound', 'timeout']);
    const node = { id: 'r', kind: 'request', position: { x: 0, y: 0 }, data: d } as FlowNode;
    expect(outcomesOf(node)).toEqual(['ok', 'notFound', 'timeout', 'error']);
    d = withErrorOutcome(withErrorOutcome(d, 'notFound', false), 'timeout', false);
    expect('errorOutcomes' in d).toBe(false);
  });

  it('the card names the statuses retried', () => {
    expect(policySummary(base())).toBeNull();
    expect(policySummary(withRetryStatuses({ ...base(), retries: 2 }, [500, 503]))).toBe('×2 · 500, 503');
  });
});
