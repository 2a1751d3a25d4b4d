/** The scenario pool's worker (piscina): one scenario per task, on its own thread (run-pool.ts). */
import { loadMachine, type LoadedMachine } from '@voiceman/runtime';
import { runScenario } from '@voiceman/simulator';
import type { ScenarioTask, ScenarioTaskResult } from './run-pool.js';

/** Loaded machines by hash: a run sends the same machine with each of its scenarios. */
const machines = new Map<string, LoadedMachine>();

export default async function scenarioTask(task: ScenarioTask): Promise<ScenarioTaskResult> {
  let machine = machines.get(task.versionHash);
  if (!machine) {
    if (machines.size >= 8) machines.clear();
    machine = loadMachine(task.machine);
    machines.set(task.versionHash, machine);
  }
  const run = await runScenario(task.scenario, { machine, versionHash: task.versionHash });
  return {
    passed: run.passed, ...(run.difference ? { difference: run.difference } : {}), steps: run.steps, taken: run.taken, outcomes: run.outcomes,
    ...(run.passed ? {} : { view: run.view }),
  };
}
