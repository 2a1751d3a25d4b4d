import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MockWms } from '@voiceman/examples';
import { runDialog, signOn427, signOn427Prompts, withWms } from './harness.js';

let wms: MockWms;
beforeAll(async () => {
  wms = await withWms();
});
afterAll(() => wms.close());

// The examples' URLs are `{{ wmsUrl }}/...`: the runtime inserts that leading base unencoded,
// so the host receives a URL it can fetch as it is.
it('a leading {{ wmsUrl }} reaches the host as a usable absolute URL', async () => {
  const run = await runDialog('sign-on', wms, signOn427);
  expect(run.host.requests[0]?.url).toBe(`${wms.url}/operators/427/sign-on`);
  expect(run.spoken).toEqual(signOn427Prompts);
});

it('a wmsUrl that is not an absolute URL fails the WMS step visibly instead of calling anything', async () => {
  const run = await runDialog('sign-on', wms, signOn427, { input: { wmsUrl: '127.0.0.1:4010' } });
  expect(run.host.requests).toEqual([]);
  expect(run.host.events.find((e) => e.type === 'error')?.data).toMatchObject({ code: 'request.url' });
  expect(run.spoken.slice(0, 2)).toEqual(signOn427Prompts.slice(0, 2));
});
