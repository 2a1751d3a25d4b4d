/**
 * One process's scenarios in the editor (framework-free, a vanilla zustand store like the
 * editor's): the stored list with each one's last result, runs against the draft or a version
 * followed to the end, the latest run's report (results and coverage), and whether the canvas
 * shows the coverage. The Scenarios panel and the canvas select from it.
 */
import { createStore } from 'zustand/vanilla';
import type { Scenario } from '@voiceman/simulator';
import type { ImportCounts, RunTarget, ScenarioGate, ScenarioRunReport, ScenariosApi, StoredScenario } from './api.js';
import { startAndFollow } from './poll-run.js';

export interface ScenariosState {
  processKey: string;
  items: StoredScenario[] | null;
  error: string | null;
  target: RunTarget;
  versions: number[];
  /** The latest run (running or finished) this editor started. */
  run: ScenarioRunReport | null;
  running: boolean;
  showCoverage: boolean;
  /** What a failing scenario does to publishing (the process's `scenarioGate`); null until loaded. */
  gate: ScenarioGate | null;

  load(): Promise<void>;
  setTarget(target: RunTarget): void;
  /** Runs all scenarios, or the ones named, against the chosen target. */
  runScenarios(ids?: string[]): Promise<void>;
  update(item: StoredScenario, change: { name?: string; description?: string }): Promise<void>;
  remove(id: string): Promise<void>;
  importScenarios(scenarios: Scenario[]): Promise<ImportCounts>;
  setShowCoverage(show: boolean): void;
  /** Admins: sets the gate on the server; a refusal stays as `error` and the gate as it was. */
  setGate(gate: ScenarioGate): Promise<void>;
  dispose(): void;
}

export type ScenariosStore = ReturnType<typeof createScenariosStore>;

export interface ScenariosDeps {
  api: Pick<ScenariosApi, 'list' | 'update' | 'remove' | 'importMany' | 'startRun' | 'getRun' | 'versions' | 'gate' | 'setGate'>;
  /** Saves the editor's draft first, so the server runs what the canvas shows. */
  beforeDraftRun?: () => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** `target`: what runs start against (a published version's page runs that version). */
export function createScenariosStore(processKey: string, deps: ScenariosDeps, target: RunTarget = 'draft') {
  const signal = { cancelled: false };
  return createStore<ScenariosState>()((set, get) => ({
    processKey,
    items: null,
    error: null,
    target,
    versions: [],
    run: null,
    running: false,
    showCoverage: true,
    gate: null,

    async load() {
      try {
        const [items, versions, gate] = await Promise.all([
          deps.api.list(processKey),
          deps.api.versions(processKey).catch(() => []),
          deps.api.gate(processKey).catch(() => get().gate),
        ]);
        set({ items, versions: versions.map((v) => v.number).sort((a, b) => b - a), gate, error: null });
      } catch (err) {
        set({ error: message(err) });
      }
    },

    setTarget(target) {
      set({ target });
    },

    async runScenarios(ids) {
      if (get().running) return;
      const target = get().target;
      set({ running: true, error: null, run: null });
      let failed = false;
      try {
        if (target === 'draft') await deps.beforeDraftRun?.();
        await startAndFollow(deps.api, processKey, target, ids, {
          onReport: (run) => set({ run }),
          signal,
          ...(deps.sleep ? { sleep: deps.sleep } : {}),
        });
      } catch (err) {
        failed = true;
        set({ error: message(err) });
      } finally {
        if (!signal.cancelled) set({ running: false });
      }
      // The last results changed on the server; after a refusal the message stays instead.
      if (!signal.cancelled && !failed) await get().load();
    },

    async update(item, change) {
      const scenario: Scenario = { ...item.scenario };
      if (change.name !== undefined) scenario.name = change.name.trim();
      if (change.description !== undefined) {
        if (change.description.trim()) scenario.description = change.description.trim();
        else delete scenario.description;
      }
      await deps.api.update(processKey, item.id, scenario);
      await get().load();
    },

    async remove(id) {
      await deps.api.remove(processKey, id);
      set({ items: (get().items ?? []).filter((i) => i.id !== id) });
    },

    async importScenarios(scenarios) {
      const counts = await deps.api.importMany(processKey, scenarios);
      await get().load();
      return counts;
    },

    setShowCoverage(show) {
      set({ showCoverage: show });
    },

    async setGate(gate) {
      try {
        set({ gate: await deps.api.setGate(processKey, gate), error: null });
      } catch (err) {
        set({ error: message(err) });
      }
    },

    dispose() {
      signal.cancelled = true;
    },
  }));
}
