/** Every process the scripts start is killed when the script exits, whatever the reason. */
import type { ChildProcess } from 'node:child_process';

const children = new Set<ChildProcess>();
const lastWords = new Set<() => void>();

/** A synchronous cleanup for when the script exits before its own (stop a cluster, remove a dir); returns its remover. */
export function atExit(fn: () => void): () => void {
  lastWords.add(fn);
  return () => lastWords.delete(fn);
}

/** SIGKILLs every process started so far (a scenario over its time limit leaves no server or fleet behind for the next one). */
export function killChildren(): void {
  for (const c of children) c.kill('SIGKILL');
}

export function track<C extends ChildProcess>(child: C): C {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
  for (const fn of lastWords) {
    try {
      fn();
    } catch {
      // best effort: the process is going
    }
  }
});
// `on`, not `once`: a Ctrl-C reaches us twice (from the terminal and relayed by tsx/npm), and a
// second signal with no handler left would kill the process in the middle of the cleanup above
// (PostgreSQL stopped, its temp dir left behind). Later signals are ignored while it runs.
let exiting = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (exiting) return;
    exiting = true;
    process.exit(130);
  });
}
