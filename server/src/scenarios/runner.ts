/**
 * Runs a process's stored scenarios on the server against its draft (compiled through the
 * compile pool) or a version's stored machine, one scenario at a time in the scenario pool's
 * worker threads (run-pool.ts: off the event loop, with a time budget each), writing results
 * as they come (progress is a poll of the run's row).
 * WMS requests are answered by the scenarios' stubs only; an unstubbed request is a network
 * error, as in `voiceman test`.
 */
import { setImmediate as turn } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { loadMachine, type LoadedMachine } from '@voiceman/runtime';
import { coverageOf, machineOutcomes, type Scenario, type ScenarioDifference } from '@voiceman/simulator';
import type { Repositories } from '../app.js';
import type { ScenarioResult, ScenarioTarget } from '../api-types.js';
import { compileDraft, hasErrors, type CompileRunner } from '../compile.js';
import { HttpError } from '../errors.js';
import type { ScenarioPool } from './run-pool.js';
import type { RunTrigger } from './runs-repository.js';

/** A failed scenario's end view is kept for the designer up to this size. */
const MAX_VIEW_BYTES = 256 * 1024;
/** Outcome keys kept per result (a 2,000-step scenario takes a few thousand). */
const MAX_TAKEN = 20_000;
/** Results are written together at most this often (one transaction each), and at the end. */
const FLUSH_MS = 200;
/** Manual runs going on at once per server (each takes CPU between requests); more → 429. */
export const MAX_MANUAL_RUNS = 8;

export interface RunMachine {
  /** Loaded here for the outcome list (coverage); the scenarios run in the pool's workers. */
  machine: LoadedMachine;
  json: unknown;
  versionHash: string;
}

export interface RunSummary {
  runId: string;
  total: number;
  passed: number;
  failed: number;
  failures: { name: string; difference?: ScenarioDifference }[];
}

interface StoredRunScenario {
  id: string;
  scenario: Scenario;
}

/** A publish waiting on a run that a stopping server ended gets a 503, not a 500. */
export class RunStopped extends HttpError {
  constructor() {
    super(503, 'server_stopping', 'the server stopped during the run');
  }
}

export function scenarioRunner(repos: Repositories, compiler: CompileRunner, pool: ScenarioPool, log: FastifyBaseLogger) {
  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;
  let manual = 0;

  /** The machine a run takes: the draft compiled now (422 `draft_invalid`) or a stored version. */
  async function machineOf(processKey: string, target: ScenarioTarget): Promise<RunMachine> {
    if (target !== 'draft') {
      const v = await repos.versions.get(processKey, target);
      return { machine: loadMachine(v.machine), json: v.machine, versionHash: v.hash };
    }
    const draft = await repos.processes.require(processKey);
    const compiled = await compileDraft(compiler, repos, draft.graph);
    if (compiled.unpublished.length > 0) {
      throw new HttpError(422, 'draft_invalid', `the draft of ${processKey} calls ${compiled.unpublished.join(', ')}, which has no version yet`, { diagnostics: compiled.diagnostics });
    }
    if (hasErrors(compiled) || compiled.machine === undefined || typeof compiled.hash !== 'string') {
      const errors = compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
      throw new HttpError(422, 'draft_invalid', `the draft of ${processKey} does not compile: ${errors.slice(0, 5).join('; ') || 'unknown error'}`, { diagnostics: compiled.diagnostics });
    }
    return { machine: loadMachine(compiled.machine), json: compiled.machine, versionHash: compiled.hash };
  }

  async function runOne(item: StoredRunScenario, m: RunMachine): Promise<{ result: ScenarioResult; outcomes: Record<string, number> }> {
    const base = { scenarioId: item.id, name: item.scenario.name };
    try {
      const run = await pool.run({ machine: m.json, versionHash: m.versionHash, scenario: item.scenario });
      const view = run.view && Buffer.byteLength(JSON.stringify(run.view)) <= MAX_VIEW_BYTES ? run.view : undefined;
      return {
        result: {
          ...base, passed: run.passed, ...(run.difference ? { difference: run.difference } : {}), steps: run.steps,
          taken: run.taken.slice(0, MAX_TAKEN), ...(view ? { view } : {}),
        },
        outcomes: run.outcomes,
      };
    } catch (error) {
      // A scenario the simulator cannot even start (a language the process does not speak, …).
      const difference: ScenarioDifference = { step: 0, kind: 'input', message: `the scenario could not run: ${(error as Error).message}` };
      return { result: { ...base, passed: false, difference, steps: 0, taken: [] }, outcomes: {} };
    }
  }

  /** Runs the scenarios into run `runId`; the row ends `done` (with coverage) or `failed`. */
  async function execute(runId: string, processKey: string, m: RunMachine, items: StoredRunScenario[]): Promise<RunSummary> {
    const summary: RunSummary = { runId, total: items.length, passed: 0, failed: 0, failures: [] };
    const outcomes: Record<string, number>[] = [];
    let pending: { position: number; result: ScenarioResult }[] = [];
    let flushed = Date.now();
    const flush = async () => {
      const batch = pending;
      pending = [];
      flushed = Date.now();
      await repos.scenarioRuns.addResults(runId, batch);
    };
    try {
      for (const [i, item] of items.entries()) {
        // A turn of the event loop between scenarios: requests and event ingest go on meanwhile.
        await turn();
        if (stopping) {
          await flush();
          throw new RunStopped();
        }
        const { result, outcomes: taken } = await runOne(item, m);
        outcomes.push(taken);
        pending.push({ position: i, result });
        if (Date.now() - flushed >= FLUSH_MS) await flush();
        if (result.passed) summary.passed += 1;
        else {
          summary.failed += 1;
          summary.failures.push({ name: result.name, ...(result.difference ? { difference: result.difference as ScenarioDifference } : {}) });
        }
      }
      await flush();
      await repos.scenarioRuns.finish(runId, coverageOf(processKey, machineOutcomes(m.machine), outcomes.map((o) => ({ outcomes: o }))));
      return summary;
    } catch (error) {
      if (!(error instanceof RunStopped)) log.error(error, `scenario run ${runId} failed`);
      await repos.scenarioRuns.fail(runId, error instanceof HttpError ? error.message : 'the run failed on the server (see its log)').catch(() => {});
      throw error;
    }
  }

  function track<T>(p: Promise<T>): Promise<T> {
    inFlight.add(p);
    void p.catch(() => {}).finally(() => inFlight.delete(p));
    return p;
  }

  function background(p: Promise<unknown>): void {
    // Failures are already recorded in the run's row (and logged).
    void track(p).catch(() => {});
  }

  return {
    machineOf,

    /**
     * Starts a run and answers at once with its id (the draft is compiled first, so a draft
     * that does not compile is a 422 and no run). The run goes on in the background.
     */
    async start(o: { processKey: string; target: ScenarioTarget; trigger: RunTrigger; by: string | null; scenarioIds?: string[] }): Promise<string> {
      if (stopping) throw new HttpError(503, 'server_stopping', 'the server is stopping; start the run again in a moment');
      if (manual >= MAX_MANUAL_RUNS) throw new HttpError(429, 'too_many_runs', `${MAX_MANUAL_RUNS} scenario runs are going on on this server; start this one when one of them has finished`);
      // Counted from here: the compile below takes a while, and requests arriving meanwhile count.
      manual += 1;
      let runId: string;
      let m: RunMachine;
      let items: StoredRunScenario[];
      try {
        items = await repos.scenarios.forRun(o.processKey, o.scenarioIds);
        m = await machineOf(o.processKey, o.target);
        runId = await repos.scenarioRuns.create({ processKey: o.processKey, target: o.target, trigger: o.trigger, total: items.length, startedBy: o.by });
      } catch (error) {
        manual -= 1;
        throw error;
      }
      background(execute(runId, o.processKey, m, items).finally(() => (manual -= 1)));
      return runId;
    },

    /** The publish gate's run on the machine about to become a version; null without scenarios. */
    async runForPublish(processKey: string, machineJson: unknown, versionHash: string, by: string): Promise<RunSummary | null> {
      const items = await repos.scenarios.forRun(processKey);
      if (items.length === 0) return null;
      const runId = await repos.scenarioRuns.create({ processKey, target: 'draft', trigger: 'publish', total: items.length, startedBy: by });
      return track(execute(runId, processKey, { machine: loadMachine(machineJson), json: machineJson, versionHash }, items));
    },

    /**
     * The nightly job: every process with scenarios, against its draft and each version deployed
     * somewhere. The run rows are made first (their ids are the answer), then run one after the
     * other in the background; a draft that does not compile fails its run with the reason.
     */
    async nightly(by: string | null): Promise<string[]> {
      const planned: { runId: string; processKey: string; target: ScenarioTarget; items: StoredRunScenario[] }[] = [];
      const deployed = await repos.scenarioRuns.deployedVersions();
      for (const processKey of await repos.scenarios.processesWithScenarios()) {
        const items = await repos.scenarios.forRun(processKey);
        for (const target of ['draft' as const, ...(deployed.get(processKey) ?? [])]) {
          const runId = await repos.scenarioRuns.create({ processKey, target, trigger: 'nightly', total: items.length, startedBy: by });
          planned.push({ runId, processKey, target, items });
        }
      }
      background((async () => {
        for (const [i, p] of planned.entries()) {
          if (stopping) {
            for (const rest of planned.slice(i)) await repos.scenarioRuns.fail(rest.runId, new RunStopped().message).catch(() => {});
            return;
          }
          // Queued runs stay fresh (not "stale") while the ones before them run.
          await repos.scenarioRuns.touch(planned.slice(i).map((x) => x.runId));
          let m: RunMachine;
          try {
            m = await machineOf(p.processKey, p.target);
          } catch (error) {
            await repos.scenarioRuns.fail(p.runId, (error as Error).message);
            continue;
          }
          await execute(p.runId, p.processKey, m, p.items).catch(() => {});
        }
      })());
      return planned.map((p) => p.runId);
    },

    /** Stops starting scenarios and waits for the runs in flight to record where they stopped. */
    async stop(): Promise<void> {
      stopping = true;
      await Promise.allSettled([...inFlight]);
    },

    /** Resolves when every run of this server has finished (tests). */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
export type ScenarioRunner = ReturnType<typeof scenarioRunner>;
