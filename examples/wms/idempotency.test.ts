import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWmsApp, type WmsApp } from './app.js';

let app: WmsApp;

beforeEach(async () => {
  app = createWmsApp({ testRoutes: true });
  await app.ready();
  await post('/operators/427/sign-on');
  await post('/picking/assignments/next', { operatorId: '427' });
});
afterEach(() => app.close());

function post(url: string, payload?: unknown, key?: string) {
  return app.inject({ method: 'POST', url, payload: payload as object, headers: key === undefined ? {} : { 'idempotency-key': key } });
}
const confirm = (quantity: number, key?: string) => post('/picking/picks/10234-1/confirm', { operatorId: '427', quantity }, key);
const stockAt12 = async () => (await app.inject({ method: 'GET', url: '/locations/12-04A' })).json().stock[0].quantity as number;

describe('Idempotency-Key', () => {
  it('a repeated confirm with the same key gets the first answer again and is applied once', async () => {
    const first = await confirm(3, 'k-1');
    const again = await confirm(3, 'k-1');
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await stockAt12()).toBe(17);
  });

  it('without a key a repeated confirm is refused as already confirmed (as before)', async () => {
    expect((await confirm(3)).statusCode).toBe(200);
    const again = await confirm(3);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_confirmed');
  });

  it('the same key with a different body is refused with 422 and changes nothing', async () => {
    await confirm(3, 'k-2');
    const other = await post('/picking/picks/10234-1/confirm', { operatorId: '427', quantity: 1, reasonCode: 'DMG' }, 'k-2');
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
    expect(await stockAt12()).toBe(17);
  });

  it('two copies arriving together are applied once and both get the answer', async () => {
    const [a, b] = await Promise.all([confirm(3, 'k-3'), confirm(3, 'k-3')]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.body).toBe(b.body);
    expect(await stockAt12()).toBe(17);
  });

  it('keeps refusals too, but not 5xx answers: a retry after a server error is applied', async () => {
    const over = await confirm(4, 'k-4');
    expect(over.statusCode).toBe(422);
    expect((await confirm(4, 'k-4')).headers['idempotent-replayed']).toBe('true');

    await post('/test/faults', { status: 503, count: 1, pathPrefix: '/picking/picks/' });
    expect((await confirm(3, 'k-5')).statusCode).toBe(503);
    const retry = await confirm(3, 'k-5');
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await stockAt12()).toBe(17);
  });

  it('refuses an empty, overlong or non-ASCII key', async () => {
    for (const key of ['', 'x'.repeat(256), 'ключ']) {
      const res = await app.inject({ method: 'POST', url: '/picking/picks/10234-1/confirm', payload: { operatorId: '427', quantity: 3 }, headers: { 'idempotency-key': encodeURIComponent(key) === key ? key : Buffer.from(key).toString('latin1') } });
      expect(res.statusCode, JSON.stringify(key)).toBe(400);
      expect(res.json().code).toBe('invalid_idempotency_key');
    }
    expect(await stockAt12()).toBe(20);
  });

  it('forgets keys on /test/reset', async () => {
    await confirm(3, 'k-6');
    await post('/test/reset');
    await post('/operators/427/sign-on');
    await post('/picking/assignments/next', { operatorId: '427' });
    const fresh = await confirm(3, 'k-6');
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(await stockAt12()).toBe(17);
  });

  it('lets browsers send the header (CORS preflight)', async () => {
    const res = await app.inject({
      method: 'OPTIONS',
      url: '/picking/picks/10234-1/confirm',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
    });
    expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('idempotency-key');
  });
});
