import { readFileSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * PGlite has no lock on its data directory (electric-sql/pglite#1106): two processes on one
 * directory both write its files and corrupt it. This lock file (`voiceman.lock` inside the
 * directory, created exclusively) says who holds it; a lock whose process is gone is taken over.
 */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  /** Linux: the holder's start time in clock ticks since boot, so a reused pid is not mistaken for the holder. */
  procStart?: string;
}

export class DataDirLockedError extends Error {
  constructor(readonly dir: string, readonly holder: LockHolder) {
    super(
      `the data directory ${dir} is in use by process ${holder.pid} on ${holder.host} (running since ${holder.startedAt}); ` +
        `stop that server first, or give this one another DATA_DIR`,
    );
    this.name = 'DataDirLockedError';
  }
}

const LOCK_FILE = 'voiceman.lock';

function procStart(pid: number): string | undefined {
  try {
    // Field 22 of /proc/<pid>/stat, counted after the parenthesised command name (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote `holder` still runs (only answerable on the same host). */
function alive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const start = procStart(holder.pid);
  return !(holder.procStart && start && start !== holder.procStart);
}

/** Takes the directory's lock or throws DataDirLockedError naming the holder; returns the release function. */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), procStart: procStart(process.pid) };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(JSON.stringify(me));
      await file.close();
      return async () => {
        // Only our own lock: never delete one another process took over meanwhile.
        const now = await readFile(path, 'utf8').catch(() => '');
        if (now === JSON.stringify(me)) await unlink(path).catch(() => {});
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder: LockHolder | undefined;
    try {
      holder = JSON.parse(await readFile(path, 'utf8')) as LockHolder;
    } catch {
      holder = undefined; // half-written or unreadable: its writer died between create and write
    }
    if (holder && typeof holder.pid === 'number' && alive(holder)) throw new DataDirLockedError(dir, holder);
    // Stale (the holder was killed): remove and retry; a racing process may win the new create.
    await unlink(path).catch(() => {});
  }
  throw new Error(`could not take the lock ${path}`);
}
