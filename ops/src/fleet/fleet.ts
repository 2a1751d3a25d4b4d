/**
 * Runs a fleet of simulated terminals spread over load-generator child processes, each with
 * its own event loop and mock WMS, so the generator's CPU is never charged to the server.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { track } from '../infra/children.js';
import type { FleetSettings, FromWorker, TerminalStatus, ToWorker, WorkerResult } from './protocol.js';
import type { TerminalSpec } from './terminal.js';

const workerScript = fileURLToPath(new URL('./worker.ts', import.meta.url));
/** coreutils' `nice`, to start the generator processes below the server's priority (none: not niced). */
const NICE = ['/usr/bin/nice', '/bin/nice'].find((p) => existsSync(p));
const GENERATOR_NICE = Number(process.env.OPS_GENERATOR_NICE ?? 10);

export interface Fleet {
  /** Stops working, drains the queues for at most `drainMs`, and merges every process's result. */
  stop(drainMs: number): Promise<WorkerResult>;
  /** Marks the start of the measured window. */
  mark(): void;
  offline(ids: string[]): void;
  online(ids: string[]): void;
  /** Queue length and working state of every terminal. */
  status(): Promise<TerminalStatus>;
  /** Kills the generator processes (cleanup after a failure). */
  kill(): void;
  pids: number[];
}

export async function startFleet(terminals: (TerminalSpec & { index: number })[], settings: FleetSettings, processes: number): Promise<Fleet> {
  const count = Math.max(1, Math.min(processes, terminals.length));
  const children: { child: ChildProcess }[] = [];
  const waitFor = (child: ChildProcess, type: FromWorker['type']) =>
    new Promise<FromWorker>((resolve, reject) => {
      const done = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      const onMessage = (m: FromWorker) => {
        if (m.type === 'failed') {
          done();
          reject(new Error(`load generator failed: ${m.message}`));
        } else if (m.type === type) {
          done();
          resolve(m);
        }
      };
      const onExit = (code: number | null) => {
        done();
        reject(new Error(`load generator exited (${code}) before ${type}`));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready: Promise<FromWorker>[] = [];
  for (let w = 0; w < count; w++) {
    // Niced (+10): the generator stands in for terminals on other machines, so on a shared
    // machine it must not take the server's and PostgreSQL's CPU. Without it the CPU goes per
    // runnable thread: at 2,000 terminals 5 generator processes and other sessions' work left the
    // one server process 0.01 cores with 300 connections' requests unread (3 December).
    const argv = ['--import', 'tsx', workerScript];
    const child = track(NICE
      ? spawn(NICE, ['-n', String(GENERATOR_NICE), process.execPath, ...argv], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' })
      : fork(workerScript, [], { execArgv: argv.slice(0, 2), stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' }));
    children.push({ child });
    ready.push(waitFor(child, 'ready'));
    const share = terminals.filter((_, i) => i % count === w);
    child.send({ type: 'init', settings, terminals: share } satisfies ToWorker);
  }
  const all = (m: ToWorker) => children.forEach(({ child }) => child.connected && child.send(m));
  const kill = () => children.forEach(({ child }) => child.exitCode === null && child.kill('SIGKILL'));
  try {
    await Promise.all(ready);
  } catch (err) {
    kill();
    throw err;
  }
  return {
    pids: children.map(({ child }) => child.pid!),
    mark: () => all({ type: 'mark' }),
    async status() {
      const answers = children.map(({ child }) => waitFor(child, 'status'));
      all({ type: 'status' });
      return Object.assign({}, ...(await Promise.all(answers)).map((m) => (m as Extract<FromWorker, { type: 'status' }>).terminals)) as TerminalStatus;
    },
    offline: (ids) => all({ type: 'offline', ids }),
    online: (ids) => all({ type: 'online', ids }),
    kill,
    async stop(drainMs) {
      const results = children.map(({ child }) => waitFor(child, 'result'));
      all({ type: 'stop', drainMs });
      const parts = (await Promise.all(results)).map((m) => (m as Extract<FromWorker, { type: 'result' }>).result);
      return {
        samples: parts.flatMap((p) => p.samples),
        emitted: parts.reduce((n, p) => n + p.emitted, 0),
        pendingAfterDrain: parts.reduce((n, p) => n + p.pendingAfterDrain, 0),
        loopDelayP99Ms: Math.max(...parts.map((p) => p.loopDelayP99Ms)),
        emittedIds: parts.flatMap((p) => p.emittedIds ?? []),
        ackedIds: parts.flatMap((p) => p.ackedIds ?? []),
      };
    },
  };
}
