/**
 * A load-generator process: runs its share of the fleet's terminals and their mock WMS,
 * never on the server's event loop. Driven by its parent over IPC (protocol.ts).
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadMachine, type LoadedMachine } from '@voiceman/runtime';
import { fleetSeed, startFleetWms } from './fleet-wms.js';
import type { FromWorker, Sample, TerminalStatus, ToWorker, WorkerResult } from './protocol.js';
import { SimulatedTerminal, wmsRequester } from './terminal.js';
import { createTerminalLink, processFromRules, type Rules } from './terminal-link.js';
import { createOperator } from './operator.js';
import { recordTape, type Tape } from './tape.js';

const send = (m: FromWorker) => process.send!(m);
const terminals = new Map<string, SimulatedTerminal>();
const samples: Sample[] = [];
const emittedIds: string[] = [];
const ackedIds: string[] = [];
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let closeWms: (() => Promise<void>) | undefined;

/**
 * With OPS_PROFILE_DIR: a CPU profile of the measured window only (from `mark` to `stop`),
 * not of the process's start (tsx compiling, the WMS's schemas) nor of the drain.
 */
const profileDir = process.env.OPS_PROFILE_DIR;
let profiler: Session | undefined;
async function startProfile(): Promise<void> {
  if (!profileDir || profiler) return;
  profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
async function stopProfile(): Promise<void> {
  if (!profiler) return;
  const { profile } = await profiler.post('Profiler.stop');
  await writeFile(join(profileDir!, `generator-${process.pid}.cpuprofile`), JSON.stringify(profile));
  profiler.disconnect();
  profiler = undefined;
}

async function init(m: Extract<ToWorker, { type: 'init' }>): Promise<void> {
  const { settings } = m;
  // The operators read check digits off the data set's locations (the same in every WMS shard).
  const data = fleetSeed([], 0);
  const wms = await startFleetWms(m.terminals.map((t) => t.index), settings.assignmentsEach);
  closeWms = wms.close;
  const machines = new Map<string, LoadedMachine>();
  const rulesByEtag = new Map<string, Rules['processes']>();
  const tape = settings.replay ? await record(m, wms, data) : undefined;
  loopDelay.enable();
  for (const spec of m.terminals) {
    const own = wms.forTerminal(spec.index);
    const terminal = new SimulatedTerminal(spec, {
      ...settings,
      wmsUrl: own.url,
      wmsHttp: own.http,
      data,
      machines,
      rulesByEtag,
      ...(tape ? { tape } : {}),
      onPost: (s) => samples.push([s.at, s.ms, s.status, s.events, s.stored, spec.index]),
      onEmit: settings.track ? (e) => emittedIds.push(e.id) : undefined,
      onAck: settings.track ? (ids) => ackedIds.push(...ids) : undefined,
    });
    terminals.set(spec.id, terminal);
    terminal.start();
  }
}

/** `--replay`: the real runtime on the rules' machine, its first terminal's operator and WMS shard, 400 answers. */
async function record(m: Extract<ToWorker, { type: 'init' }>, wms: Awaited<ReturnType<typeof startFleetWms>>, data: ReturnType<typeof fleetSeed>): Promise<Tape> {
  const first = m.terminals[0]!;
  const link = createTerminalLink({ servers: first.servers ?? m.settings.servers, token: first.token });
  const giveUpAt = Date.now() + 60_000;
  const process = await processFromRules(link, m.settings.processKey, () => Date.now() < giveUpAt);
  if (!process) throw new Error(`no rules with ${m.settings.processKey} for the recording within 60 s`);
  const own = wms.forTerminal(first.index);
  const machine = loadMachine(process.machine as Parameters<typeof loadMachine>[0]);
  return recordTape({ machine, versionHash: process.hash, operator: createOperator(first.operatorId, data), request: wmsRequester(own.http), wmsUrl: own.url, answers: 400 });
}

async function stop(drainMs: number): Promise<WorkerResult> {
  await stopProfile();
  const all = [...terminals.values()];
  await Promise.all(all.map((t) => t.stop()));
  const deadline = Date.now() + drainMs;
  for (const t of all) t.offline = false;
  await Promise.all(all.map((t) => t.drain(deadline)));
  loopDelay.disable();
  await closeWms?.();
  return {
    samples,
    emitted: all.reduce((n, t) => n + t.emitted, 0),
    pendingAfterDrain: all.reduce((n, t) => n + t.link.pending(), 0),
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    ...(emittedIds.length ? { emittedIds, ackedIds } : {}),
  };
}

// The parent gone (crashed or killed): nobody reads our results.
process.once('disconnect', () => process.exit(0));

process.on('message', (m: ToWorker) => {
  const run = async () => {
    if (m.type === 'init') {
      await init(m);
      send({ type: 'ready' });
    } else if (m.type === 'status') {
      const status: TerminalStatus = {};
      for (const [id, t] of terminals) status[id] = { pending: t.link.pending(), working: t.working(), sessions: t.sessions, rules: t.link.rulesOutcome() };
      send({ type: 'status', terminals: status });
    } else if (m.type === 'mark') {
      loopDelay.reset();
      await startProfile();
    } else if (m.type === 'offline' || m.type === 'online') {
      for (const id of m.ids) {
        const t = terminals.get(id);
        if (t) t.offline = m.type === 'offline';
      }
    } else if (m.type === 'stop') {
      const result = await stop(m.drainMs);
      // Exit once the result is out: stopped dialogs may still hold timers.
      process.send!({ type: 'result', result } satisfies FromWorker, () => process.exit(0));
    }
  };
  run().catch((err: Error) => send({ type: 'failed', message: err.stack ?? err.message }));
});
