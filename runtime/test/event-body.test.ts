import { describe, expect, it } from 'vitest';
import { MAX_EVENT_BODY_BYTES, putEventBody } from '../src/event-body.js';
import type { JsonValue } from '../src/index.js';
import { clone, pickMachine } from './fixtures.js';
import { run } from './helpers.js';

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

describe('WMS bodies in dialog events', () => {
  it('a large reply is clipped in the event to 8 KiB of JSON; the machine gets all of it', async () => {
    const big = { aisle: 12, slot: '4', qty: 3, checkDigits: '57', lines: Array.from({ length: 2000 }, (_, i) => ({ sku: `SKU-${i}`, qty: i })) };
    const m = clone(pickMachine);
    const { host, result } = await run(m, { listen: ['four two seven', 'yes', 'five seven', 'three'], responses: [{ status: 200, body: big }] });
    expect(result.status).toBe('done');
    const response = host.events.find((e) => e.type === 'wms.response')!;
    expect(response.data.truncated).toBe(true);
    expect(response.data.bodyBytes).toBe(utf8(JSON.stringify(big)));
    expect(typeof response.data.body).toBe('string');
    expect(utf8(response.data.body as string)).toBeLessThanOrEqual(MAX_EVENT_BODY_BYTES);
    expect(JSON.stringify(big).startsWith(response.data.body as string)).toBe(true);
    // the machine assigned the whole body
    const assigned = host.events.find((e) => e.type === 'variable' && e.data.name === 'assignment')!;
    expect((assigned.data.value as { lines: unknown[] }).lines).toHaveLength(2000);
  });

  it('a small body is passed as it is, without a truncated flag', () => {
    const data: { [k: string]: JsonValue } = {};
    putEventBody(data, { ok: true });
    expect(data).toEqual({ body: { ok: true } });
  });

  it('the request body is capped the same way; multi-byte text is cut on a character boundary', () => {
    const text = 'ё'.repeat(5000) + '😀'.repeat(2000); // 2-byte and 4-byte characters
    const data: { [k: string]: JsonValue } = {};
    putEventBody(data, { text });
    const clipped = data.body as string;
    expect(data.truncated).toBe(true);
    expect(data.bodyBytes).toBe(utf8(JSON.stringify({ text })));
    expect(utf8(clipped)).toBeLessThanOrEqual(MAX_EVENT_BODY_BYTES);
    expect(utf8(clipped)).toBeGreaterThan(MAX_EVENT_BODY_BYTES - 4);
    expect(clipped).not.toMatch(/[\uD800-\uDBFF]$/);
    // just under the cap: whole
    const fits: { [k: string]: JsonValue } = {};
    putEventBody(fits, 'a'.repeat(MAX_EVENT_BODY_BYTES - 2));
    expect(fits.truncated).toBeUndefined();
  });

  it('a WMS request with a large body: the event is clipped, the request carries it all', async () => {
    const m = clone(pickMachine);
    // a large body from a large variable (CEL has no string repeat)
    (m.states.getAssignment!.entry![0]!.params as { body: string }).body = '{"operator": operator, "assignment": assignment}';
    m.meta.vm.scopes.main!.variables.assignment!.default = { pad: 'x'.repeat(20000) };
    const { host } = await run(m, { listen: ['four two seven', 'yes'], responses: [{ status: 500 }] });
    const request = host.events.find((e) => e.type === 'wms.request')!;
    expect(request.data.truncated).toBe(true);
    expect(((host.requests[0]!.body as { assignment: { pad: string } }).assignment.pad)).toHaveLength(20000);
  });
});
