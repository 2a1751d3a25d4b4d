/**
 * Site runtime settings (`DialogOptions.settings`) and secrets (`DialogOptions.secrets`), on the
 * scripted host's virtual clock.
 */
import { describe, expect, it } from 'vitest';
import { createDialog, createScriptedHost, loadMachine, MemoryStorage, redactSecrets, type MachineJson } from '../src/index.js';
import { askMachine, run } from './helpers.js';

describe('site runtime settings', () => {
  it('a silence-timeout factor stretches the process default and an ask’s own timeout alike', async () => {
    const plain = await run(askMachine(), { listen: [null, 'ready'] });
    expect(plain.host.listens.map((l) => l.timeoutMs)).toEqual([6000, 6000]);
    const noisy = await run(askMachine(), { listen: [null, 'ready'] }, { settings: { silenceTimeoutFactor: 1.5 } });
    expect(noisy.host.listens.map((l) => l.timeoutMs)).toEqual([9000, 9000]);
    // The virtual clock really waited the stretched timeout before the reprompt.
    const silence = noisy.host.events.find((e) => e.type === 'silence')!;
    const start = noisy.host.events.find((e) => e.type === 'session.start')!;
    expect(silence.ts - start.ts).toBeGreaterThanOrEqual(9000);
    const own = await run(askMachine({ timeoutMs: 4000 }), { listen: ['ready'] }, { settings: { silenceTimeoutFactor: 2 } });
    expect(own.host.listens[0]!.timeoutMs).toBe(8000);
  });

  it('a confidence threshold replaces the process default: a 0.6 hypothesis is no match at 0.7, a match at 0.5', async () => {
    const heard = { kind: 'speech' as const, text: 'ready', confidence: 0.6 };
    const strict = await run(askMachine(), { listen: [heard, heard] }, { settings: { confidenceThreshold: 0.7 } });
    expect(strict.result.result).toBe('noMatch');
    expect(strict.host.events.find((e) => e.type === 'nomatch')!.data.reason).toBe('low-confidence');
    const lenient = await run(askMachine({}, { settings: { minConfidence: 0.8, noInputTimeoutMs: 6000 } }), { listen: [heard] }, { settings: { confidenceThreshold: 0.5 } });
    expect(lenient.result.result).toMatchObject({ way: 'ready' });
  });

  it("the site's language is used when the process declares it; an explicit language wins; an undeclared one is ignored", async () => {
    expect((await run(askMachine(), { listen: ['готов'] }, { settings: { language: 'ru' } })).said[0]).toBe('Количество?');
    expect((await run(askMachine(), { listen: ['ready'] }, { language: 'en', settings: { language: 'ru' } })).said[0]).toBe('Quantity?');
    const enOnly = askMachine({}, { languages: ['en'] });
    expect((await run(enOnly, { listen: ['ready'] }, { settings: { language: 'ru' } })).said[0]).toBe('Quantity?');
  });

  it('refuses settings out of range with a clear error', () => {
    const host = createScriptedHost();
    const make = (settings: object) => () => createDialog(loadMachine(askMachine()), host, { sessionId: 's', terminalId: 't', versionHash: 'v', settings });
    expect(make({ confidenceThreshold: 1.5 })).toThrow(/confidenceThreshold must be a number from 0 to 1/);
    expect(make({ silenceTimeoutFactor: 0 })).toThrow(/silenceTimeoutFactor must be a number from 0.25 to 4/);
  });
});

/** A WMS call and a prompt that both use a secret input (an API key). */
function keyMachine(): MachineJson {
  const st = (id: string, kind: string, rest: object) => ({ id, meta: { vm: { nodeId: id, kind, scope: 'main' } }, ...rest });
  return {
    id: 'key',
    initial: 'call',
    meta: {
      vm: {
        formatVersion: 1, processKey: 'key', name: 'Key', languages: ['en'], globalWords: [],
        scopes: { main: { processKey: 'key', variables: { wmsUrl: { type: 'string', default: 'http://127.0.0.1:1' }, apiKey: { type: 'string', default: '' }, copy: { type: 'string', default: '' } } } },
        settings: { minConfidence: 0.5, noInputTimeoutMs: 6000 },
      },
    },
    states: {
      call: st('call', 'request', {
        entry: [{ type: 'vm.request', params: { method: 'POST', url: '{{ wmsUrl }}/tasks?key={{ apiKey }}', headers: { 'X-Api-Key': '{{ apiKey }}' }, body: '{"key": apiKey, "echo": "k=" + apiKey}', timeoutMs: 1000, retries: 0 } }],
        on: {
          'REQUEST.OK': { target: '#said', actions: [{ type: 'vm.assign', params: { assignments: [{ variable: 'copy', expr: 'event.body.echo' }] } }] },
          'REQUEST.ERROR': { target: '#said' },
        },
      }),
      said: st('said', 'end', { type: 'final', entry: [{ type: 'vm.say', params: { text: { en: 'Key {{ apiKey }} works' } } }, { type: 'vm.result', params: { expr: 'copy' } }] }),
    },
  } as MachineJson;
}

describe('secrets', () => {
  const secret = 's3cr/et "key"';
  it('never puts a secret input in a dialog event (variables, request url and body, response, prompts), while the host gets the real value', async () => {
    const r = await run(keyMachine(), { responses: (req) => ({ status: 200, body: { echo: JSON.stringify(req.body) } }) }, { input: { wmsUrl: 'http://wms.test', apiKey: secret }, secrets: ['apiKey'] });
    expect(r.host.requests[0]!.headers['X-Api-Key']).toBe(secret);
    expect(r.host.requests[0]!.url).toContain(encodeURIComponent(secret));
    expect(r.said).toEqual([`Key ${secret} works`]);
    const text = JSON.stringify(r.host.events);
    expect(text).not.toContain('s3cr');
    expect(text).not.toContain(encodeURIComponent(secret));
    expect(text).toContain('***');
    const request = r.host.events.find((e) => e.type === 'wms.request')!;
    expect(request.data.url).toBe('http://wms.test/tasks?key=***');
    expect(request.data.body).toEqual({ key: '***', echo: 'k=***' });
    expect(r.host.events.find((e) => e.type === 'prompt')!.data.text).toBe('Key *** works');
  });

  it('without `secrets` the same dialog shows the values (the test above can fail)', async () => {
    const r = await run(keyMachine(), { responses: [{ status: 200, body: { echo: 'x' } }] }, { input: { wmsUrl: 'http://wms.test', apiKey: secret } });
    expect(JSON.stringify(r.host.events)).toContain('s3cr');
  });

  it('a resumed session hides the secret it was saved with as well as the new one', async () => {
    const storage = new MemoryStorage();
    const first = createScriptedHost({ storage });
    const machine = loadMachine(keyMachine());
    const d1 = createDialog(machine, first, { sessionId: 'r', terminalId: 't', versionHash: 'v', input: { wmsUrl: 'http://wms.test', apiKey: 'old-secret' }, secrets: ['apiKey'] });
    await d1.start();
    expect(await first.blocked()).toBe('request');
    await d1.stop();
    const second = createScriptedHost({ storage, responses: [{ status: 200, body: { echo: 'old-secret and new-secret' } }] });
    const d2 = createDialog(machine, second, { sessionId: 'r', terminalId: 't', versionHash: 'v', input: { wmsUrl: 'http://wms.test', apiKey: 'new-secret' }, secrets: ['apiKey'] });
    await d2.start();
    await d2.done;
    const text = JSON.stringify(second.events);
    expect(text).not.toContain('old-secret');
    expect(text).not.toContain('new-secret');
  });

  it('redactSecrets returns the same object when nothing matches and ignores empty secrets', () => {
    const data = { a: ['x', { b: 'y' }] };
    expect(redactSecrets(data, ['zzz', ''])).toBe(data);
    expect(redactSecrets({ k: 'a-zzz-b', zzz: 1 }, ['zzz'])).toEqual({ k: 'a-***-b', '***': 1 });
  });
});
