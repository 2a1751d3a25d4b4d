import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkEvent } from './validate-event.js';

const base = { id: randomUUID(), sessionId: 's', seq: 0, ts: Date.now(), terminalId: 't', operatorId: null, processKey: 'p', versionHash: 'h', state: null };

describe('checkEvent', () => {
  it('takes a session.end only with the runtime status (done, error, stopped)', () => {
    for (const status of ['done', 'error', 'stopped']) expect(checkEvent({ ...base, type: 'session.end', data: { status } }, 't').ok).toBe(true);
    const invented = checkEvent({ ...base, type: 'session.end', data: { outcome: 'completed' } }, 't');
    expect(invented).toMatchObject({ ok: false, code: 'invalid_event', message: expect.stringContaining('data.status') });
  });

  it("takes a session.end's outcome only as an outcome name (the end node's), never free text", () => {
    expect(checkEvent({ ...base, type: 'session.end', data: { status: 'done', outcome: 'signedOff' } }, 't').ok).toBe(true);
    for (const outcome of ['', 'two words', 'x'.repeat(65), 42, '<b>']) {
      expect(checkEvent({ ...base, type: 'session.end', data: { status: 'done', outcome } }, 't'), JSON.stringify(outcome)).toMatchObject({ ok: false, code: 'invalid_event', message: expect.stringContaining('data.outcome') });
    }
  });

  it('refuses a type the runtime does not emit', () => {
    expect(checkEvent({ ...base, type: 'session.crash', data: {} }, 't')).toMatchObject({ ok: false, code: 'invalid_event' });
  });
});

describe('checkEvent and the retention window', () => {
  it('refuses an event older than the window as expired, keeps one inside it', () => {
    const earliest = Date.UTC(2026, 0, 1);
    const ev = (ts: number) => ({ ...base, id: randomUUID(), ts, type: 'prompt', data: {} });
    expect(checkEvent(ev(earliest - 1), 't', Date.UTC(2026, 5, 1), earliest)).toMatchObject({ ok: false, code: 'expired' });
    expect(checkEvent(ev(earliest), 't', Date.UTC(2026, 5, 1), earliest).ok).toBe(true);
  });
});
