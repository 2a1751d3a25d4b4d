import { describe, expect, it } from 'vitest';
import { createDialog, createScriptedHost, HOST_RETRY_DELAY_MS, loadMachine, type ScriptedHost } from '../src/index.js';
import { askMachine, runToEnd } from './helpers.js';

function failing(host: ScriptedHost, method: 'listen' | 'speak', times: number) {
  const original = host[method].bind(host) as (...args: unknown[]) => Promise<unknown>;
  const calls: number[] = [];
  (host as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
    calls.push(host.clock.now());
    if (calls.length <= times) return Promise.reject(new Error(`${method} device busy #${calls.length}`));
    return original(...args);
  };
  return calls;
}

describe('host.listen / host.speak rejecting', () => {
  const machine = loadMachine(askMachine());
  const options = { sessionId: 's', terminalId: 't', versionHash: 'v' };

  it('one failed listen is retried after a short delay and the dialog goes on', async () => {
    const host = createScriptedHost({ listen: ['seven'] });
    const calls = failing(host, 'listen', 1);
    const result = await runToEnd(createDialog(machine, host, options), host);
    expect(result).toMatchObject({ status: 'done', result: { way: 'qty', answer: 7 } });
    expect(calls).toHaveLength(2);
    expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(HOST_RETRY_DELAY_MS);
    expect(host.events.some((e) => e.type === 'error')).toBe(false);
  });

  it('a listen failing twice ends the dialog with a clear error event', async () => {
    const host = createScriptedHost({ listen: ['seven'] });
    const calls = failing(host, 'listen', 2);
    const result = await runToEnd(createDialog(machine, host, options), host);
    expect(calls).toHaveLength(2);
    expect(result).toMatchObject({ status: 'error', stateId: 'q' });
    expect(result.error).toBe('host.listen failed twice (500 ms apart): listen device busy #1; then: listen device busy #2');
    expect(host.events.find((e) => e.type === 'error')!.data).toEqual({ code: 'host.listen', message: result.error });
  });

  it('speak: retried once, then a clear error', async () => {
    const once = createScriptedHost({ listen: ['seven'] });
    failing(once, 'speak', 1);
    expect((await runToEnd(createDialog(machine, once, options), once)).status).toBe('done');
    expect(once.spoken.map((s) => s.text)).toEqual(['Quantity?']);

    const always = createScriptedHost({ listen: ['seven'] });
    failing(always, 'speak', 99);
    const result = await runToEnd(createDialog(machine, always, options), always);
    expect(result.status).toBe('error');
    expect(always.events.find((e) => e.type === 'error')!.data.code).toBe('host.speak');
  });
});
