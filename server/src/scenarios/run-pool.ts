/**
 * Scenarios run in worker threads (piscina, as the compile pool), each with a time budget: a
 * scenario never holds the event loop, and one that does not end — a `matches` pattern that
 * backtracks catastrophically on a prompt, a dialog looping without input — is stopped (its
 * worker terminated) and reported as a failure instead of hanging the server.
 */
import { Piscina } from 'piscina';
import type { Scenario, ScenarioDifference, SimView } from '@voiceman/simulator';
import { compilePoolDefaults, workerEntry } from '../compile-pool.js';

export interface ScenarioTask {
  /** The machine JSON (loaded once per hash in each worker). */
  machine: unknown;
  versionHash: string;
  scenario: Scenario;
}

export interface ScenarioTaskResult {
  passed: boolean;
  difference?: ScenarioDifference;
  steps: number;
  taken: string[];
  outcomes: Record<string, number>;
  /** Failed scenarios only. */
  view?: SimView;
}

/** One scenario's time budget. */
export const SCENARIO_TIMEOUT_MS = 30_000;

export interface ScenarioPool {
  run(task: ScenarioTask): Promise<ScenarioTaskResult>;
  close(): Promise<void>;
}

export function createScenarioPool(options: { timeoutMs?: number; threads?: number } = {}): ScenarioPool {
  const timeoutMs = options.timeoutMs ?? SCENARIO_TIMEOUT_MS;
  const { filename, execArgv } = workerEntry(new URL('./run-worker.js', import.meta.url));
  const piscina = new Piscina<ScenarioTask, ScenarioTaskResult>({
    filename, execArgv, minThreads: 0, maxThreads: options.threads ?? compilePoolDefaults().threads, idleTimeout: 60_000,
  });
  return {
    async run(task) {
      const abort = new AbortController();
      // Queue wait included: each run sends one scenario at a time, so the wait is short.
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      try {
        return await piscina.run(task, { signal: abort.signal });
      } catch (error) {
        if (!abort.signal.aborted) throw error;
        const difference: ScenarioDifference = {
          step: 0, kind: 'input',
          message: `the scenario took longer than ${timeoutMs / 1000} s and was stopped (a prompt pattern that backtracks without end, or a dialog that never waits for input)`,
        };
        return { passed: false, difference, steps: 0, taken: [], outcomes: {} };
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => piscina.close({ force: true }),
  };
}
