/**
 * Simulator benchmarks (`npm run bench -w simulator`, run with `node --expose-gc`):
 *  1. heap per idle session: 10,000 case-picking simulations waiting at their first ask
 *     (goal: all of them under 1 GiB), against the same number of bare runtime dialogs
 *     (scripted host) waiting at the same ask, measured in the same run;
 *  2. one answered step (typed answer → match → read-back or re-ask) with 1,000 sessions open:
 *     p50/p99 wall time per `send` (goal p99 < 5 ms), against the same step on a bare runtime
 *     dialog in interleaved rounds.
 * The machine's 2 cores are shared with other work: absolute times swing, ratios less.
 */
import { compileFlow } from '@voiceman/compiler';
import { createDialog, createScriptedHost, loadMachine, type Dialog, type LoadedMachine, type ScriptedHost } from '@voiceman/runtime';
import { exampleFlow, exampleReferenceData, resolveExampleProcess } from '@voiceman/examples';
import { createSimulation, type SimulationSession } from '../src/index.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench -w simulator does)');

const compiled = compileFlow(exampleFlow('case-picking'), { resolveProcess: resolveExampleProcess, referenceData: exampleReferenceData() });
const machine: LoadedMachine = loadMachine(compiled.machine!);
const options = { machine, processKey: 'case-picking', versionHash: 'bench', language: 'en' as const, input: { wmsUrl: 'http://127.0.0.1:9/' } };

function heapMb(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

async function simulations(n: number, suspend = false): Promise<SimulationSession[]> {
  const out: SimulationSession[] = [];
  for (let i = 0; i < n; i++) {
    const sim = createSimulation({ ...options, sessionId: `bench-${i}` });
    await sim.start();
    // What the server does with a session idle for a while (SimulationLimits.suspendAfterMs).
    if (suspend) sim.suspend();
    out.push(sim);
  }
  return out;
}

async function bareDialogs(n: number): Promise<{ dialog: Dialog; host: ScriptedHost }[]> {
  const out: { dialog: Dialog; host: ScriptedHost }[] = [];
  for (let i = 0; i < n; i++) {
    const host = createScriptedHost();
    const dialog = createDialog(machine, host, { sessionId: `bare-${i}`, terminalId: 'T', versionHash: 'bench', language: 'en', input: options.input });
    await dialog.start();
    await host.blocked();
    out.push({ dialog, host });
  }
  return out;
}

/** Lets disposed sessions' last promises settle so the collector can take them. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

async function memory(n: number) {
  const before = heapMb();
  let bare: { dialog: Dialog }[] | null = await bareDialogs(n);
  const bareMb = heapMb() - before;
  for (const b of bare) await b.dialog.stop();
  bare = null;
  await settle();
  const before2 = heapMb();
  let sims: SimulationSession[] | null = await simulations(n, true);
  const simMb = heapMb() - before2;
  for (const s of sims) s.dispose();
  sims = null;
  await settle();
  return { n, simMb, bareMb, perSimKb: (simMb * 1024) / n, perBareKb: (bareMb * 1024) / n };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** Alternates "four two seven" (→ read-back) and "no" (→ asked again): a step that never ends. */
const answers = ['four two seven', 'no'];

async function steps(open: number, perRound: number, rounds: number, suspended = false) {
  const sims = await simulations(open, suspended);
  const bare = await bareDialogs(Math.min(open, 50));
  const simTimes: number[] = [];
  const simCpu: number[] = [];
  const bareTimes: number[] = [];
  const ratios: number[] = [];
  let k = 0;
  for (let r = 0; r < rounds; r++) {
    const roundSim: number[] = [];
    for (let i = 0; i < perRound; i++) {
      const sim = sims[(k * 7919) % sims.length]!;
      const text = answers[sim.view().steps % 2]!;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await sim.send({ kind: 'speech', text });
      roundSim.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      simCpu.push((c.user + c.system) / 1000);
      if (suspended) sim.suspend();
      k++;
    }
    const roundBare: number[] = [];
    for (let i = 0; i < perRound; i++) {
      const b = bare[i % bare.length]!;
      const text = answers[b.host.listens.length % 2]!;
      const t0 = performance.now();
      b.host.push(text);
      await b.host.blocked();
      roundBare.push(performance.now() - t0);
    }
    simTimes.push(...roundSim);
    bareTimes.push(...roundBare);
    ratios.push(pct(roundSim, 50) / pct(roundBare, 50));
  }
  for (const s of sims) s.dispose();
  for (const b of bare) await b.dialog.stop();
  return {
    open,
    steps: simTimes.length,
    sim: { p50: pct(simTimes, 50), p99: pct(simTimes, 99), cpuP50: pct(simCpu, 50), cpuP99: pct(simCpu, 99) },
    bare: { p50: pct(bareTimes, 50), p99: pct(bareTimes, 99) },
    ratioP50: pct(ratios, 50),
    stepsPerSecond: 1000 / (simTimes.reduce((a, b) => a + b, 0) / simTimes.length),
  };
}

const n = Number(process.env.SIM_BENCH_SESSIONS ?? 10_000);
const mem = await memory(n);
console.log(`idle sessions: ${mem.n} suspended simulations ${mem.simMb.toFixed(0)} MiB heap (${mem.perSimKb.toFixed(1)} KiB each; goal < 1024 MiB) — bare runtime dialogs ${mem.bareMb.toFixed(0)} MiB (${mem.perBareKb.toFixed(1)} KiB each), ratio ${(mem.simMb / mem.bareMb).toFixed(2)}`);
const st = await steps(1000, 200, 10);
console.log(`steps with ${st.open} open: ${st.steps} sends, p50 ${st.sim.p50.toFixed(2)} ms, p99 ${st.sim.p99.toFixed(2)} ms wall (goal < 5 ms), CPU time p50 ${st.sim.cpuP50.toFixed(2)} ms, p99 ${st.sim.cpuP99.toFixed(2)} ms, ${st.stepsPerSecond.toFixed(0)} inputs/s — bare runtime p50 ${st.bare.p50.toFixed(2)} ms, p99 ${st.bare.p99.toFixed(2)} ms; median per-round p50 ratio ${st.ratioP50.toFixed(2)}`);
const cold = await steps(1000, 200, 5, true);
console.log(`steps on suspended sessions (resume + step + suspend): p50 ${cold.sim.p50.toFixed(2)} ms, p99 ${cold.sim.p99.toFixed(2)} ms wall, CPU p99 ${cold.sim.cpuP99.toFixed(2)} ms, ${cold.stepsPerSecond.toFixed(0)} inputs/s; median per-round p50 ratio to bare ${cold.ratioP50.toFixed(2)}`);
console.log(`machine load average while measuring: ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')} (2 cores, shared)`);
const ok = mem.simMb < 1024 && st.sim.p99 < 5;
console.log(ok ? 'simulator: goals met' : 'simulator: a goal missed');
process.exitCode = ok ? 0 : 1;
