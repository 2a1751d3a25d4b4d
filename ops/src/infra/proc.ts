/** CPU and memory of processes from /proc (Linux): what the server and PostgreSQL used. */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS = 100;

function stat(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: fields start after its closing parenthesis.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds of a process so far (0 when it is gone). */
export function cpuSeconds(pid: number): number {
  const f = stat(pid);
  return f ? (Number(f[11]) + Number(f[12])) / TICKS : 0;
}

export function rssBytes(pid: number): number {
  const f = stat(pid);
  return f ? Number(f[21]) * 4096 : 0;
}

/** The process and all its descendants (PostgreSQL's backends under the postmaster). */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const f = stat(Number(name));
    if (!f) continue;
    const ppid = Number(f[1]);
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of parents.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/**
 * Samples CPU (as cores used) and peak RSS of a changing set of processes over a window. CPU is
 * counted per pid from its own baseline, so a process that appears later counts from zero
 * (its whole life lies in the window) and one that exits before the end is left out.
 */
export function usageMeter(pids: () => number[]) {
  let base = new Map<number, number>();
  let startAt = 0;
  let peakRss = 0;
  const restart = () => {
    base = new Map(pids().map((p) => [p, cpuSeconds(p)]));
    startAt = performance.now();
    peakRss = 0;
  };
  restart();
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, pids().reduce((s, p) => s + rssBytes(p), 0));
  }, 500);
  timer.unref();
  return {
    restart,
    /** Cores used on average since the (re)start, and the peak RSS seen; stops sampling. */
    read() {
      clearInterval(timer);
      const used = pids().reduce((s, p) => s + cpuSeconds(p) - (base.get(p) ?? 0), 0);
      return { cores: used / ((performance.now() - startAt) / 1000), peakRssBytes: peakRss };
    },
  };
}
