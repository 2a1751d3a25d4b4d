import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWmsApp, type WmsApp } from './app.js';
import { startMockWms } from './server.js';

let app: WmsApp;

beforeEach(async () => {
  app = createWmsApp({ testRoutes: true });
  await app.ready();
});
afterEach(() => app.close());

const post = (url: string, payload?: unknown) => app.inject({ method: 'POST', url, payload: payload as object });
const get = (url: string) => app.inject({ method: 'GET', url });
const signOn = (id = '427') => post(`/operators/${id}/sign-on`);

describe('operators', () => {
  it('signs a known operator on', async () => {
    const res = await signOn();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ operator: { id: '427', name: 'Ivan Petrov', nameRu: 'Иван Петров', active: true, signedOn: true } });
    // An operator with no Cyrillic name on file has no `nameRu` at all.
    expect((await signOn('108')).json().operator).not.toHaveProperty('nameRu');
  });

  it('refuses unknown and inactive operators with a code', async () => {
    const unknown = await signOn('999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'operator_not_found' });
    const inactive = await signOn('666');
    expect(inactive.statusCode).toBe(403);
    expect(inactive.json()).toMatchObject({ code: 'operator_inactive' });
  });

  it('hands out no work before sign-on', async () => {
    const res = await post('/picking/assignments/next', { operatorId: '427' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('operator_not_signed_on');
  });
});

describe('case picking', () => {
  beforeEach(async () => {
    await signOn();
  });

  it('gives the assignment, then picks in route order with location check digits', async () => {
    const next = await post('/picking/assignments/next', { operatorId: '427' });
    expect(next.json()).toMatchObject({
      available: true,
      assignment: { id: '10234', pickCount: 4, remaining: 4, caseCount: 11, doorNumber: '5', doorCheckDigits: '38', status: 'in_progress' },
    });
    const pick = await get('/picking/assignments/10234/next-pick');
    expect(pick.json()).toMatchObject({
      done: false,
      remaining: 4,
      pick: { id: '10234-1', aisle: '12', slot: '4 A', checkDigits: '57', quantity: 3, description: { en: 'milk, one litre' } },
    });
  });

  it('confirms a full pick and takes the stock', async () => {
    const res = await post('/picking/picks/10234-1/confirm', { operatorId: '427', quantity: 3 });
    expect(res.statusCode).toBe(200);
    expect(res.json().pick).toMatchObject({ status: 'done', picked: 3, reasonCode: null });
    const location = await get('/locations/12-04A');
    expect(location.json().stock).toEqual([{ locationId: '12-04A', skuId: '100234', quantity: 17 }]);
    const again = await post('/picking/picks/10234-1/confirm', { operatorId: '427', quantity: 3 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_confirmed');
  });

  it('needs a known reason for a short pick and refuses an over-pick', async () => {
    const noReason = await post('/picking/picks/10234-1/confirm', { operatorId: '427', quantity: 1 });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().code).toBe('reason_required');
    const badReason = await post('/picking/picks/10234-1/confirm', { operatorId: '427', quantity: 1, reasonCode: 'XXX' });
    expect(badReason.json().code).toBe('unknown_reason_code');
    const over = await post('/picking/picks/10234-1/confirm', { operatorId: '427', quantity: 4 });
    expect(over.statusCode).toBe(422);
    expect(over.json().code).toBe('quantity_above_requested');
    const short = await post('/picking/picks/10234-1/confirm', { operatorId: '427', quantity: 1, reasonCode: 'DMG' });
    expect(short.statusCode).toBe(200);
    expect(short.json().pick).toMatchObject({ picked: 1, reasonCode: 'DMG' });
  });

  it("moves a skipped pick to the end of the route and refuses another operator's pick", async () => {
    const skip = await post('/picking/picks/10234-1/skip', { operatorId: '427' });
    expect(skip.json()).toMatchObject({ position: 4, pick: { id: '10234-1', skips: 1 } });
    const next = await get('/picking/assignments/10234/next-pick');
    expect(next.json().pick.id).toBe('10234-2');
    const route = await get('/picking/assignments/10234');
    expect(route.json().picks.map((p: { id: string }) => p.id)).toEqual(['10234-2', '10234-3', '10234-4', '10234-1']);
    const foreign = await post('/picking/picks/10235-1/skip', { operatorId: '427' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('not_your_task');
  });

  it('delivers only a fully picked assignment to its own door', async () => {
    const early = await post('/picking/assignments/10234/deliver', { operatorId: '427', doorId: 'D05' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('picks_open');
    for (const [id, q] of [['10234-1', 3], ['10234-2', 2], ['10234-3', 5], ['10234-4', 1]] as const) {
      expect((await post(`/picking/picks/${id}/confirm`, { operatorId: '427', quantity: q })).statusCode).toBe(200);
    }
    const done = await get('/picking/assignments/10234/next-pick');
    expect(done.json()).toEqual({ done: true, remaining: 0, pick: null });
    const wrongDoor = await post('/picking/assignments/10234/deliver', { operatorId: '427', doorId: 'D07' });
    expect(wrongDoor.json().code).toBe('wrong_door');
    const delivered = await post('/picking/assignments/10234/deliver', { operatorId: '427', doorId: 'D05' });
    expect(delivered.json().assignment.status).toBe('delivered');
    const none = await post('/picking/assignments/next', { operatorId: '427' });
    expect(none.json()).toEqual({ available: false, assignment: null });
  });
});

describe('putaway, replenishment, cycle count', () => {
  beforeEach(async () => {
    await signOn();
  });

  it('puts a whole pallet away', async () => {
    const next = await post('/putaway/tasks/next', { operatorId: '427' });
    expect(next.json().task).toMatchObject({ id: 'PUT-7001', lpnTail: '1234', quantity: 40, location: { aisle: '31', checkDigits: '447' } });
    const wrong = await post('/putaway/tasks/PUT-7001/confirm', { operatorId: '427', quantity: 39 });
    expect(wrong.json().code).toBe('quantity_mismatch');
    expect((await post('/putaway/tasks/PUT-7001/confirm', { operatorId: '427', quantity: 40 })).statusCode).toBe(200);
    expect((await get('/locations/31-07-2')).json().stock).toEqual([{ locationId: '31-07-2', skuId: '512019', quantity: 40 }]);
  });

  it('moves replenishment stock from reserve to the pick face', async () => {
    const next = await post('/replenishment/tasks/next', { operatorId: '427' });
    expect(next.json().task).toMatchObject({ id: 'REP-8001', quantity: 12, from: { id: '30-02-2' }, to: { id: '15-07B' } });
    expect((await post('/replenishment/tasks/REP-8001/confirm', { operatorId: '427', quantity: 12 })).statusCode).toBe(200);
    expect((await get('/locations/15-07B')).json().stock[0].quantity).toBe(14);
    expect((await get('/locations/30-02-2')).json().stock[0].quantity).toBe(36);
  });

  it('asks for a recount when the first count differs, then records a variance', async () => {
    const next = await post('/counts/tasks/next', { operatorId: '427' });
    expect(next.json().task).toMatchObject({ id: 'CNT-9001', skuId: '512019', description: { en: 'spaghetti, four hundred fifty grams' }, location: { id: '16-08A' } });
    expect(next.json().task).not.toHaveProperty('expected');
    const first = await post('/counts/tasks/CNT-9001/count', { operatorId: '427', quantity: 35 });
    expect(first.json()).toMatchObject({ result: 'recount', attempt: 1 });
    const second = await post('/counts/tasks/CNT-9001/count', { operatorId: '427', quantity: 36 });
    expect(second.json()).toMatchObject({ result: 'variance', attempt: 2 });
    expect((await get('/locations/16-08A')).json().stock[0].quantity).toBe(36);
    const nextTask = await post('/counts/tasks/next', { operatorId: '427' });
    expect(nextTask.json().task.id).toBe('CNT-9002');
    const match = await post('/counts/tasks/CNT-9002/count', { operatorId: '427', quantity: 18 });
    expect(match.json()).toMatchObject({ result: 'match', attempt: 1 });
  });
});

describe('bad requests', () => {
  it.each([
    ['missing body', undefined],
    ['missing quantity', { operatorId: '427' }],
    ['quantity as a string', { operatorId: '427', quantity: '3' }],
    ['negative quantity', { operatorId: '427', quantity: -1 }],
    ['fractional quantity', { operatorId: '427', quantity: 1.5 }],
    ['unknown field', { operatorId: '427', quantity: 3, note: 'x' }],
    ['empty reason code', { operatorId: '427', quantity: 1, reasonCode: '' }],
  ])('refuses %s with 400 and changes nothing', async (_name, payload) => {
    await signOn();
    const res = await post('/picking/picks/10234-1/confirm', payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toMatch(/^(invalid_request|bad_request)$/);
    expect(typeof res.json().message).toBe('string');
    expect((await get('/locations/12-04A')).json().stock[0].quantity).toBe(20);
  });

  it('refuses malformed JSON', async () => {
    const res = await app.inject({ method: 'POST', url: '/test/faults', headers: { 'content-type': 'application/json' }, payload: '{"status":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('bad_request');
  });

  it('answers unknown routes and ids with a code', async () => {
    expect((await get('/nope')).json()).toMatchObject({ code: 'not_found' });
    expect((await get('/picking/assignments/1/next-pick')).json()).toMatchObject({ code: 'assignment_not_found' });
    expect((await get('/skus/000')).statusCode).toBe(404);
  });
});

describe('test controls', () => {
  it('injects a fault for N requests under a prefix, then recovers', async () => {
    const set = await post('/test/faults', { status: 503, count: 2, pathPrefix: '/operators' });
    expect(set.json()).toEqual({ status: 503, count: 2, pathPrefix: '/operators', delayMs: 0, delayResponseMs: 0 });
    expect((await get('/health')).statusCode).toBe(200);
    expect((await signOn()).statusCode).toBe(503);
    const second = await signOn();
    expect(second.statusCode).toBe(503);
    expect(second.json().code).toBe('injected_fault');
    expect((await signOn()).statusCode).toBe(200);
  });

  it('resets to the seed', async () => {
    await signOn();
    await post('/picking/picks/10234-1/confirm', { operatorId: '427', quantity: 3 });
    await post('/test/faults', { count: 5 });
    expect((await post('/test/reset')).json()).toEqual({ status: 'reset' });
    expect((await get('/locations/12-04A')).json().stock[0].quantity).toBe(20);
    expect((await get('/operators/427')).json().operator.signedOn).toBe(false);
  });

  it('publishes OpenAPI with the routes and their schemas', async () => {
    const res = await get('/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.info.title).toBe('Mock WMS');
    expect(doc.paths['/picking/picks/{pickId}/confirm'].post.requestBody.content['application/json'].schema.required).toEqual([
      'operatorId',
      'quantity',
    ]);
    expect((await get('/docs')).statusCode).toBeLessThan(400);
  });
});

describe('test routes are opt-in', () => {
  it('404s reset and faults by default, and injects no faults', async () => {
    const plain = createWmsApp();
    try {
      for (const [method, url] of [['POST', '/test/reset'], ['POST', '/test/faults'], ['DELETE', '/test/faults']] as const) {
        const res = await plain.inject({ method, url, payload: method === 'POST' ? {} : undefined });
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.json().code).toBe('not_found');
      }
      const doc = (await plain.inject({ method: 'GET', url: '/docs/json' })).json();
      expect(Object.keys(doc.paths).filter((p) => p.startsWith('/test/'))).toEqual([]);
      expect((await plain.inject({ method: 'POST', url: '/operators/427/sign-on' })).statusCode).toBe(200);
    } finally {
      await plain.close();
    }
  });

  it('startMockWms leaves them off unless asked', async () => {
    const off = await startMockWms({ port: 0 });
    const on = await startMockWms({ port: 0, testRoutes: true });
    try {
      expect((await fetch(`${off.url}/test/reset`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`${on.url}/test/reset`, { method: 'POST' })).status).toBe(200);
    } finally {
      await Promise.all([off.close(), on.close()]);
    }
  });
});

describe('CORS for the browser designer and simulator', () => {
  const preflight = (origin: string) =>
    app.inject({
      method: 'OPTIONS',
      url: '/picking/picks/10234-1/confirm',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  it.each(['http://localhost:3000', 'http://127.0.0.1:5173', 'http://[::1]:8080', 'http://localhost', 'https://appassets.androidplatform.net'])('answers the JSON POST preflight from %s', async (origin) => {
    const res = await preflight(origin);
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(origin);
    expect(String(res.headers['access-control-allow-methods'])).toContain('POST');
    expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('content-type');
  });

  it('adds the allow-origin header to the real response', async () => {
    const res = await app.inject({ method: 'POST', url: '/operators/427/sign-on', headers: { origin: 'http://localhost:3000' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:3000');
  });

  it.each(['http://evil.example', 'http://localhost.evil.example', 'http://127.0.0.1.nip.io:3000', 'http://appassets.androidplatform.net', 'https://appassets.androidplatform.net.evil.example'])('does not allow %s', async (origin) => {
    const res = await preflight(origin);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
