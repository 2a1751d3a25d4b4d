import { describe, expect, it } from 'vitest';
import { createDialog, createScriptedHost, loadMachine, runUntilDone } from './index.js';
import { askMachine } from '../test/helpers.js';

describe('runUntilDone', () => {
  const machine = loadMachine(askMachine());
  const options = { sessionId: 's', terminalId: 't', versionHash: 'v' };

  it('lets virtual time pass while the dialog is idle, so a host retry delay elapses', async () => {
    const host = createScriptedHost({ listen: ['seven'] });
    let failures = 0;
    const listen = host.listen.bind(host);
    host.listen = (...args) => (failures++ === 0 ? Promise.reject(new Error('busy')) : listen(...args));
    const result = await runUntilDone(createDialog(machine, host, options), host);
    expect(result).toMatchObject({ status: 'done', result: { way: 'qty', answer: 7 } });
    expect(failures).toBe(2);
  });

  it('gives up with a clear error when the dialog waits on something never scripted', async () => {
    const host = createScriptedHost();
    await expect(runUntilDone(createDialog(machine, host, options), host, { turns: 5 })).rejects.toThrow('dialog still running after 5 idle turns');
  });
});
