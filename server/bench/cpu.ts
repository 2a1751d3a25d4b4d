/**
 * Where the CPU went during one timed run, so a ratio that moves between machines says why:
 * this process (the server, or the repository alone), its GC pauses, the PostgreSQL cluster
 * (postmaster and every backend, exited ones included through the postmaster's reaped-children
 * times), and the whole machine from /proc/stat; whatever the machine spent beyond those and the
 * load generator (which reports its own) is other work on the shared cores. Linux only.
 */
import { readFile, readdir } from 'node:fs/promises';
import { PerformanceObserver } from 'node:perf_hooks';

const TICK_MS = 10; // USER_HZ is 100 on Linux

async function procTimes(pid: number): Promise<{ own: number; children: number; ppid: number } | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!stat) return undefined;
  // The command name may hold spaces and parentheses: fields start after the last ')'.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(f[1]), own: (Number(f[11]) + Number(f[12])) * TICK_MS, children: (Number(f[13]) + Number(f[14])) * TICK_MS };
}

/** CPU ms of the cluster whose postmaster is `postmaster` (itself, its live children, its reaped ones). */
export async function clusterCpuMs(postmaster: number): Promise<number> {
  const root = await procTimes(postmaster);
  if (!root) return Number.NaN;
  let total = root.own + root.children;
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const p = await procTimes(Number(name));
    if (p?.ppid === postmaster) total += p.own + p.children;
  }
  return total;
}

/** Busy CPU ms of the whole machine (all cores, everything but idle and iowait). */
async function machineBusyMs(): Promise<number> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n', 1)[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  return (total - v[3]! - v[4]!) * TICK_MS;
}

export interface CpuShare {
  /** ms of CPU per 1,000 events (or requests) */
  server: number;
  gc: number;
  postgres: number;
  loadGenerator: number;
  /** the rest of the machine: other helpers' work on the shared cores, in cores busy on average */
  otherCores: number;
}

/** Runs `fn` (which returns its rate, items and the load generator's CPU ms) and tells where the CPU went. */
export async function measureCpu(postmaster: number, fn: () => Promise<{ rate: number; items: number; loadCpuMs: number }>): Promise<{ rate: number; cpu: CpuShare }> {
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  gc.observe({ entryTypes: ['gc'] });
  const [pg0, m0, p0, t0] = [await clusterCpuMs(postmaster), await machineBusyMs(), process.cpuUsage(), performance.now()];
  const { rate, items, loadCpuMs } = await fn();
  const [pg1, m1, p1, t1] = [await clusterCpuMs(postmaster), await machineBusyMs(), process.cpuUsage(p0), performance.now()];
  gc.disconnect();
  const server = (p1.user + p1.system) / 1000;
  const postgres = pg1 - pg0;
  const per = (ms: number) => Number(((ms * 1000) / items).toFixed(1));
  const others = Math.max(0, m1 - m0 - server - postgres - loadCpuMs);
  return { rate, cpu: { server: per(server), gc: per(gcMs), postgres: per(postgres), loadGenerator: per(loadCpuMs), otherCores: Number((others / (t1 - t0)).toFixed(2)) } };
}
