import { describe, expect, it } from 'vitest';
import type { MachineJson } from '../src/index.js';
import { run } from './helpers.js';

/** One request whose URL template is `url`; the result names the way out and the error message. */
function requestMachine(url: string): MachineJson {
  const meta = (id: string, kind: string) => ({ vm: { nodeId: id, kind, scope: 'main' } });
  return {
    id: 'req',
    initial: 'call',
    meta: {
      vm: {
        formatVersion: 1,
        processKey: 'req',
        name: 'Request',
        languages: ['en'],
        scopes: { main: { processKey: 'req', variables: { wmsUrl: { type: 'string', default: 'http://127.0.0.1:4010' }, id: { type: 'string', default: '427' } } } },
        globalWords: [],
        settings: { minConfidence: 0.5, noInputTimeoutMs: 7000 },
      },
    },
    states: {
      call: {
        id: 'call',
        meta: meta('call', 'request'),
        entry: [{ type: 'vm.request', params: { method: 'GET', url, timeoutMs: 1000, retries: 2 } }],
        on: { 'REQUEST.OK': { target: '#ok' }, 'REQUEST.ERROR': { target: '#failed', actions: [{ type: 'vm.assign', params: { assignments: [{ variable: 'id', expr: 'event.message' }] } }] } },
      },
      ok: { id: 'ok', type: 'final', meta: meta('ok', 'end'), entry: [{ type: 'vm.result', params: { expr: '"ok"' } }] },
      failed: { id: 'failed', type: 'final', meta: meta('failed', 'end'), entry: [{ type: 'vm.result', params: { expr: 'id' } }] },
    },
  };
}

describe('request URLs', () => {
  it('inserts a leading placeholder (the WMS base) unencoded and encodes every later one', async () => {
    const { host, result } = await run(requestMachine('{{ wmsUrl }}/operators/{{ id }}/sign-on?t={{ session.terminalId }}'), { responses: [{ status: 200 }] }, {
      input: { id: 'a/b c' },
      terminalId: 'T 7&x',
    });
    expect(host.requests.map((r) => r.url)).toEqual(['http://127.0.0.1:4010/operators/a%2Fb%20c/sign-on?t=T%207%26x']);
    expect(result.result).toBe('ok');
  });

  it('encodes a placeholder that does not start the template, even when it looks like a URL', async () => {
    const { host } = await run(requestMachine('https://wms.example/{{ wmsUrl }}'), { responses: [{ status: 200 }] });
    expect(host.requests.map((r) => r.url)).toEqual(['https://wms.example/http%3A%2F%2F127.0.0.1%3A4010']);
  });

  it.each([
    ['an empty base', '', '/operators/427'],
    ['a base without scheme', 'wms.local:4010', 'wms.local:4010/operators/427'],
    ['a non-http scheme', 'file:///etc', 'file:///etc/operators/427'],
    ['a base with a space', 'http://wms local', 'http://wms local/operators/427'],
  ])('refuses %s: REQUEST.ERROR and an error event, nothing sent, no retry', async (_what, wmsUrl, url) => {
    const { host, result } = await run(requestMachine('{{ wmsUrl }}/operators/{{ id }}'), { responses: [{ status: 200 }] }, { input: { wmsUrl } });
    expect(host.requests).toEqual([]);
    expect(result.stateId).toBe('failed');
    expect(result.result).toContain(`request URL ${JSON.stringify(url)} is not an absolute http:// or https:// URL`);
    const errors = host.events.filter((e) => e.type === 'error');
    expect(errors).toEqual([expect.objectContaining({ state: 'call', data: { code: 'request.url', message: result.result, url } })]);
    expect(host.events.some((e) => e.type === 'wms.request')).toBe(false);
  });

  it('refuses a relative literal URL the same way (the host has no base to resolve it against)', async () => {
    const { host, result } = await run(requestMachine('/operators/{{ id }}'), { responses: [{ status: 200 }] });
    expect(host.requests).toEqual([]);
    expect(result.stateId).toBe('failed');
  });
});
