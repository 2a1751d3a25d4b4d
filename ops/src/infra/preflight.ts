/**
 * What a script needs on this machine, checked before it starts anything: a missing package
 * fails in a second with the command that installs it, not minutes later as a timeout.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PG_BIN } from './postgres.js';
import { SERVER_ENTRY } from './server.js';

/** The executable `name` on PATH (or under `dir`), undefined when there is none. */
export function findExecutable(name: string, dirs = (process.env.PATH ?? '').split(delimiter)): string | undefined {
  for (const dir of dirs.filter(Boolean)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Debian package of each program a script runs. */
const PACKAGES: Record<string, string> = { patroni: 'patroni', etcd: 'etcd-server', haproxy: 'haproxy', initdb: 'postgresql-15', pg_ctl: 'postgresql-15' };

/** Exits 1 with one message naming everything missing and how to install it (no stack: nothing failed yet). */
export function preflight(script: string, programs: string[]): void {
  const problems: string[] = [];
  if (!existsSync(SERVER_ENTRY)) problems.push(`${SERVER_ENTRY} is missing: run \`npm run build\` first`);
  const missing = programs.filter((p) => !(['initdb', 'pg_ctl'].includes(p) && PG_BIN ? findExecutable(p, [PG_BIN]) : findExecutable(p)));
  if (missing.length) {
    const pkgs = [...new Set(missing.map((p) => PACKAGES[p] ?? p))];
    problems.push(`${missing.join(', ')} not found (PATH, PG_BIN=${PG_BIN || 'unset'}): apt-get install -y ${pkgs.join(' ')}`);
  }
  if (!problems.length) return;
  console.error(`${script} cannot run:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
