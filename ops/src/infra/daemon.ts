/** A long-running helper process (etcd, Patroni, HAProxy) with its output in a log file. */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { track } from './children.js';

export interface Daemon {
  name: string;
  pid: number;
  log: string;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export function startDaemon(name: string, cmd: string, args: string[], log: string, options: { uid?: number; gid?: number; env?: Record<string, string> } = {}): Daemon {
  const fd = openSync(log, 'a');
  const child: ChildProcess = track(spawn(cmd, args, { stdio: ['ignore', fd, fd], uid: options.uid, gid: options.gid, env: { ...process.env, ...options.env } }));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    name,
    pid: child.pid!,
    log,
    async stop(graceMs = 5000) {
      if (!alive()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => alive() && child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
