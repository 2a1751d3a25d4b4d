/**
 * The publish gate: before a version is made, the process's scenarios run on the machine about
 * to be frozen (a run with trigger `publish`). `off`: nothing runs; `warn`: the version is made
 * and the answer reports the failures; `block`: a failure is 422 `scenarios_failed` and no
 * version. The server decides; nothing in the request (`force`) bypasses it.
 */
import type { ProcessDraft, PublishScenarios } from '../api-types.js';
import { HttpError } from '../errors.js';
import type { ScenarioRunner } from './runner.js';

export async function scenarioGateCheck(runner: ScenarioRunner, process: ProcessDraft, machine: unknown, hash: string, by: string): Promise<PublishScenarios | undefined> {
  if (process.scenarioGate === 'off') return undefined;
  const run = await runner.runForPublish(process.key, machine, hash, by);
  if (!run) return { total: 0, passed: 0, failed: 0, runId: null };
  if (process.scenarioGate === 'block' && run.failed > 0) {
    throw new HttpError(422, 'scenarios_failed', `${run.failed} of ${run.total} scenarios fail on this draft; publishing is blocked for ${process.key} until they pass`, {
      runId: run.runId, failed: run.failures,
    });
  }
  return { total: run.total, passed: run.passed, failed: run.failed, runId: run.runId };
}
