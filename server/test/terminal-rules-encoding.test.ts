import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { encodedBodies, rulesEncoding } from '../src/rules-encoding.js';
import { ADMIN_PASSWORD, login, testApp } from './backends.js';
import { caller, publishVersions, terminalAt } from './deploy-helpers.js';

describe('rules encoding: Accept-Encoding', () => {
  it('prefers br, then gzip, honours q-values and refusals, answers none for identity or unknown codings', () => {
    expect(rulesEncoding('gzip, deflate, br')).toBe('br');
    expect(rulesEncoding('gzip')).toBe('gzip');
    expect(rulesEncoding('br;q=0.5, gzip;q=0.9')).toBe('gzip');
    expect(rulesEncoding('br;q=0, gzip')).toBe('gzip');
    expect(rulesEncoding('*')).toBe('br');
    expect(rulesEncoding('identity')).toBeUndefined();
    expect(rulesEncoding('deflate, compress')).toBeUndefined();
    expect(rulesEncoding('')).toBeUndefined();
    expect(rulesEncoding(undefined)).toBeUndefined();
  });

  it('compresses once per ETag: later calls answer the same bytes, ready', async () => {
    const bodies = encodedBodies(2);
    const body = JSON.stringify({ processes: Array.from({ length: 200 }, (_, i) => ({ state: `s${i}`, text: 'Pick two cases' })) });
    const first = bodies.get('"a"', body, 'gzip');
    const second = bodies.get('"a"', body, 'gzip');
    expect(first).toBe(second); // one compression shared by requests that came while it ran
    const bytes = await first;
    expect(gunzipSync(bytes).toString()).toBe(body);
    expect(bodies.get('"a"', body, 'gzip')).toBe(bytes); // now a Buffer, no promise
    // Only the `limit` most recently used ETags are kept.
    await bodies.get('"b"', body, 'br');
    await bodies.get('"c"', body, 'br');
    expect(bodies.size()).toBe(2);
    expect(bodies.get('"a"', body, 'gzip')).not.toBe(bytes);
  });
});

describe('GET /api/terminal/v1/machines compressed', () => {
  let app: VoicemanApp;
  let auth: Record<string, string>;
  beforeAll(async () => {
    app = await testApp('pglite');
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    const [v1] = await publishVersions(app, admin, 'zip-pick', ['served compressed']);
    const deployed = await caller(app, admin)('POST', '/api/sites/pilot-dc-1/deployments', { processKey: 'zip-pick', versionNumber: v1 });
    expect(deployed.status, JSON.stringify(deployed.body)).toBeLessThan(300);
    auth = (await terminalAt(app, admin, 'pilot-dc-1')).auth;
  });
  afterAll(async () => app?.close());

  const machines = (headers: Record<string, string> = {}) => app.inject({ url: '/api/terminal/v1/machines', headers: { ...auth, ...headers } });

  it('answers gzip or br by Accept-Encoding, with Vary, decompressing to the same JSON and the same ETag', async () => {
    const plain = await machines();
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.json().processes.map((p: { processKey: string }) => p.processKey)).toContain('zip-pick');

    for (const [accept, encoding, decode] of [['gzip, deflate', 'gzip', gunzipSync], ['gzip, deflate, br', 'br', brotliDecompressSync]] as const) {
      const res = await machines({ 'accept-encoding': accept });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers.etag).toBe(plain.headers.etag);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      expect(JSON.parse(decode(res.rawPayload).toString('utf8'))).toEqual(plain.json());
      // A second fetch serves the bytes made for this ETag.
      expect((await machines({ 'accept-encoding': accept })).rawPayload.equals(res.rawPayload)).toBe(true);
    }
  });

  it('If-None-Match still answers 304 without a body, whatever the Accept-Encoding', async () => {
    const etag = (await machines({ 'accept-encoding': 'br' })).headers.etag as string;
    for (const accept of ['br', 'gzip', 'identity']) {
      const res = await machines({ 'accept-encoding': accept, 'if-none-match': etag });
      expect(res.statusCode).toBe(304);
      expect(res.rawPayload.length).toBe(0);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.etag).toBe(etag);
    }
  });

  it('keeps the Android WebView origin in Vary beside Accept-Encoding', async () => {
    const res = await machines({ origin: 'https://appassets.androidplatform.net', 'accept-encoding': 'gzip' });
    expect(res.statusCode).toBe(200);
    const vary = String(res.headers.vary).toLowerCase();
    expect(vary).toContain('origin');
    expect(vary).toContain('accept-encoding');
  });
});
