/** Starts a scenario run on the server and follows it to the end (the contract says ~300 ms). */
import type { RunTarget, ScenarioRunReport, ScenariosApi } from './api.js';

export const POLL_INTERVAL_MS = 300;

export interface PollOptions {
  /** Each report while the run goes on, and the last one. */
  onReport(report: ScenarioRunReport): void;
  /** Stop following (the panel closed): resolves with the last report seen. */
  signal?: { cancelled: boolean };
  sleep?: (ms: number) => Promise<void>;
  intervalMs?: number;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function followRun(api: Pick<ScenariosApi, 'getRun'>, id: string, options: PollOptions): Promise<ScenarioRunReport | null> {
  const sleep = options.sleep ?? wait;
  let last: ScenarioRunReport | null = null;
  for (;;) {
    if (options.signal?.cancelled) return last;
    last = await api.getRun(id);
    if (options.signal?.cancelled) return last;
    options.onReport(last);
    if (last.status !== 'running') return last;
    await sleep(options.intervalMs ?? POLL_INTERVAL_MS);
  }
}

export async function startAndFollow(
  api: Pick<ScenariosApi, 'startRun' | 'getRun'>,
  processKey: string,
  target: RunTarget,
  scenarioIds: string[] | undefined,
  options: PollOptions,
): Promise<ScenarioRunReport | null> {
  const { id } = await api.startRun(processKey, target, scenarioIds);
  return followRun(api, id, options);
}
