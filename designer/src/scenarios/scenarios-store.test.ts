import { describe, expect, it } from 'vitest';
import type { Scenario } from '@voiceman/simulator';
import type { ScenarioGate, ScenarioRunReport, ScenariosApi, StoredScenario } from './api.js';
import { createScenariosStore } from './scenarios-store.js';

/**
 * The server's side of the contract in memory (the real routes are exercised by
 * e2e/scenarios.spec.ts): a run advances one scenario per poll, so progress is visible.
 */
function memoryServer(names: string[], failing: string[] = []) {
  const items: StoredScenario[] = names.map((name, i) => ({
    id: `s${i}`, name, scenario: { formatVersion: 1, name, process: 'p', steps: [] } as Scenario, updatedAt: '', updatedBy: 'tessa', lastResult: null,
  }));
  const runs = new Map<string, ScenarioRunReport>();
  const calls: string[] = [];
  const process = { gate: 'warn' as ScenarioGate, admin: true };
  const api: ScenariosDeps['api'] = {
    list: async () => items.map((i) => ({ ...i })),
    gate: async () => process.gate,
    setGate: async (_k, gate) => {
      if (!process.admin) throw new Error('only an admin sets whether failing scenarios block publishing');
      process.gate = gate;
      return gate;
    },
    versions: async () => [{ number: 1 }, { number: 3 }],
    update: async (_k, id, scenario) => {
      const item = items.find((i) => i.id === id)!;
      Object.assign(item, { name: scenario.name, scenario });
      return item;
    },
    remove: async (_k, id) => void items.splice(items.findIndex((i) => i.id === id), 1),
    importMany: async (_k, list) => ({ created: list.length, updated: 0, unchanged: 0 }),
    startRun: async (_k, target, ids) => {
      calls.push(`run ${target} ${ids?.join(',') ?? 'all'}`);
      const chosen = items.filter((i) => !ids || ids.includes(i.id));
      const id = `r${runs.size}`;
      runs.set(id, { id, processKey: 'p', target, trigger: 'manual', status: 'running', total: chosen.length, done: 0, passed: 0, failed: 0, results: [], coverage: null, startedAt: '', finishedAt: null, startedBy: 'tessa' });
      return { id };
    },
    getRun: async (id) => {
      const r = runs.get(id)!;
      const snapshot = structuredClone(r);
      const next = items.filter((i) => !r.results.some((x) => x.scenarioId === i.id))[0];
      if (r.status === 'running' && next && r.done < r.total) {
        const passed = !failing.includes(next.name);
        r.results.push({ scenarioId: next.id, name: next.name, passed, steps: 0, taken: [], ...(passed ? {} : { difference: { step: 2, kind: 'prompt', message: 'm', expected: 'a', actual: 'b' } }) });
        r.done++;
        r[passed ? 'passed' : 'failed']++;
        next.lastResult = { runId: id, at: '', target: r.target, passed };
      } else r.status = 'done';
      return snapshot;
    },
  };
  return { api, items, calls, process };
}
type ScenariosDeps = Parameters<typeof createScenariosStore>[1];

describe('the scenarios store', () => {
  it('saves the draft, runs all, shows each report while it runs and reloads the last results', async () => {
    const server = memoryServer(['a', 'b', 'c'], ['b']);
    const seen: number[] = [];
    let saved = 0;
    const store = createScenariosStore('p', { api: server.api, beforeDraftRun: async () => void saved++, sleep: async () => void seen.push(store.getState().run?.done ?? -1) });
    await store.getState().load();
    expect(store.getState().versions).toEqual([3, 1]);
    await store.getState().runScenarios();
    expect(saved).toBe(1);
    expect(seen).toEqual([0, 1, 2, 3]);
    const s = store.getState();
    expect(s.running).toBe(false);
    expect(s.run).toMatchObject({ status: 'done', passed: 2, failed: 1 });
    expect(s.items!.map((i) => i.lastResult?.passed)).toEqual([true, false, true]);
  });

  it('runs one scenario against a chosen version without saving the draft', async () => {
    const server = memoryServer(['a', 'b']);
    let saved = 0;
    const store = createScenariosStore('p', { api: server.api, beforeDraftRun: async () => void saved++, sleep: async () => {} });
    await store.getState().load();
    store.getState().setTarget(3);
    await store.getState().runScenarios(['s1']);
    expect(server.calls).toEqual(['run 3 s1']);
    expect(saved).toBe(0);
    expect(store.getState().run).toMatchObject({ total: 1, passed: 1 });
  });

  it('renames, drops an empty description, deletes, and reports a run that cannot start', async () => {
    const server = memoryServer(['a']);
    server.items[0]!.scenario.description = 'old';
    const store = createScenariosStore('p', { api: { ...server.api, startRun: async () => Promise.reject(new Error('draft_invalid')) }, sleep: async () => {} });
    await store.getState().load();
    await store.getState().update(store.getState().items![0]!, { name: ' renamed ', description: '  ' });
    expect(store.getState().items![0]).toMatchObject({ name: 'renamed' });
    expect(store.getState().items![0]!.scenario.description).toBeUndefined();
    await store.getState().runScenarios();
    expect(store.getState()).toMatchObject({ running: false, error: 'draft_invalid' });
    await store.getState().remove('s0');
    expect(store.getState().items).toEqual([]);
  });

  it('loads the publish gate and sets it; a refusal keeps the gate and says why', async () => {
    const server = memoryServer(['a']);
    const store = createScenariosStore('p', { api: server.api, sleep: async () => {} });
    expect(store.getState().gate).toBeNull();
    await store.getState().load();
    expect(store.getState().gate).toBe('warn');
    await store.getState().setGate('block');
    expect(server.process.gate).toBe('block');
    expect(store.getState()).toMatchObject({ gate: 'block', error: null });
    server.process.admin = false;
    await store.getState().setGate('off');
    expect(store.getState()).toMatchObject({ gate: 'block', error: 'only an admin sets whether failing scenarios block publishing' });
  });
});
