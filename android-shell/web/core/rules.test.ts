import { describe, expect, it } from 'vitest';
import { ServerClient } from './client.js';
import { choosable, MachineRefusedError, RulesCache } from './rules.js';
import { memoryStorage } from './storage.js';
import { compileExample, serverDouble, setPrompt, type Compiled } from './test-support.js';

const site = { id: 'dev-lab', name: 'Lab', environment: 'development' };

function setup(deployed: () => (Compiled & { tamper?: boolean })[]) {
  const storage = memoryStorage();
  const server = serverDouble(() => ({
    site,
    processes: deployed().map((c, i) => ({
      processKey: c.machine.meta.vm.processKey, versionNumber: i + 1, hash: c.hash,
      machine: c.tamper ? { ...c.machine, initial: 'signOn' === c.machine.initial ? 'start' : c.machine.initial, meta: { vm: { ...c.machine.meta.vm, name: 'Tampered' } } } : c.machine,
    })),
  }));
  const client = new ServerClient({ servers: ['http://a.test'], token: 't', fetch: server.fetch });
  return { storage, server, rules: new RulesCache(storage.kv, client) };
}

describe('rules cache', () => {
  const signOn = compileExample('sign-on');
  const picking = compileExample('case-picking');

  it('stores hash-checked machines, then asks with If-None-Match and gets 304', async () => {
    const { rules, server } = setup(() => [signOn, picking]);
    const first = await rules.refresh();
    expect(first.changed).toBe(true);
    expect(first.index.processes.map((p) => [p.processKey, p.hash, p.calls])).toEqual([['sign-on', signOn.hash, []], ['case-picking', picking.hash, ['sign-on']]]);
    expect(choosable(first.index.processes).map((p) => p.processKey)).toEqual(['case-picking']);
    const second = await rules.refresh();
    expect(second.changed).toBe(false);
    expect(server.received.length).toBe(2);
    const loaded = await rules.machine('case-picking', picking.hash);
    expect(loaded.meta.processKey).toBe('case-picking');
  });

  it('refuses a machine whose content does not match its version hash and keeps the previous version', async () => {
    let tamper = false;
    const v2 = compileExample('sign-on', setPrompt('askId', 'Number?'));
    const { rules } = setup(() => (tamper ? [{ ...v2, tamper: true }] : [signOn]));
    await rules.refresh();
    tamper = true;
    const { refused, index } = await rules.refresh();
    expect(refused).toEqual([{ processKey: 'sign-on', hash: v2.hash, reason: expect.stringContaining('differs from the version hash') }]);
    expect(index.processes.map((p) => p.hash)).toEqual([signOn.hash]);
    await expect(rules.machine('sign-on', v2.hash)).rejects.toThrow(MachineRefusedError);
  });

  it('refuses a cached copy changed on the device before running it', async () => {
    const { rules, storage } = setup(() => [signOn]);
    await rules.refresh();
    const key = `machine:${signOn.hash}`;
    await storage.kv.set(key, storage.kv.data.get(key)!.replace('Operator ID?', 'Operator ID!'));
    const fresh = new RulesCache(storage.kv, new ServerClient({ servers: [] }));
    await expect(fresh.machine('sign-on', signOn.hash)).rejects.toThrow(/the cached copy was changed/);
  });

  it('works from the cache when no server answers, and drops versions nobody needs', async () => {
    let deployed = [signOn];
    const { rules, server, storage } = setup(() => deployed);
    await rules.refresh();
    server.setDown(true);
    await expect(rules.refresh()).rejects.toThrow(/fetch failed/);
    expect((await rules.index()).processes.map((p) => p.hash)).toEqual([signOn.hash]);
    expect((await rules.machine('sign-on', signOn.hash)).meta.processKey).toBe('sign-on');
    server.setDown(false);
    const v2 = compileExample('sign-on', setPrompt('askId', 'Number?'));
    deployed = [v2];
    await rules.refresh([]);
    expect(await storage.kv.keys('machine:')).toEqual([`machine:${v2.hash}`]);
  });
});
