import { describe, expect, it } from 'vitest';
import { completionsFor, registerCompletionScope } from './completion-sources.js';

describe('CEL completion sources', () => {
  it('offers the field’s variables, then known fields after a dot', () => {
    const off = registerCompletionScope('m1', () => ({
      variables: { qty: 'int', location: 'string' },
      fields: { response: ['status', 'body', 'body.items', 'body.items.count'] },
    }));
    const labels = completionsFor('m1', 'qty > ').map((c) => c.label);
    expect(labels).toEqual(expect.arrayContaining(['qty', 'location', 'response', 'size', 'plural']));
    expect(completionsFor('m1', 'response.').filter((c) => c.kind === 'field').map((c) => c.label)).toEqual(['status', 'body']);
    expect(completionsFor('m1', 'x + response.body.').filter((c) => c.kind === 'field').map((c) => c.label)).toEqual(['items']);
    off();
    expect(completionsFor('m1', '')).toEqual([]);
  });
});
