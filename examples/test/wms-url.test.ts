import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MockWms } from '@voiceman/examples';
import { decodeLeadingBaseUrl, runDialog, signOn427, withWms } from './harness.js';

let wms: MockWms;
beforeAll(async () => {
  wms = await withWms();
});
afterAll(() => wms.close());

it('decodes only an encoded leading base URL', () => {
  expect(decodeLeadingBaseUrl('http%3A%2F%2F127.0.0.1%3A4010/operators/a%2Fb/sign-on')).toBe('http://127.0.0.1:4010/operators/a%2Fb/sign-on');
  expect(decodeLeadingBaseUrl('http://127.0.0.1:4010/x%2Fy')).toBe('http://127.0.0.1:4010/x%2Fy');
});

// Marks the runtime defect the harness works around: `{{ wmsUrl }}/...` should reach the host
// as a usable absolute URL. When the runtime stops encoding a leading base URL this test starts
// failing: then drop `.fails` and decodeLeadingBaseUrl.
it.fails('the runtime passes a leading {{ wmsUrl }} through unencoded', async () => {
  const run = await runDialog('sign-on', wms, signOn427);
  expect(run.host.requests[0]?.url).toBe(`${wms.url}/operators/427/sign-on`);
});
