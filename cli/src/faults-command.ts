/** `voiceman test --faults`: every scenario again with faults injected; a summary table per process. */
import { injectFaults, summarizeFaults, type FaultCase, type FaultSummaryRow } from '@voiceman/simulator';
import type { LoadedScenario } from './test-command.js';

export interface FaultSummary {
  rows: FaultSummaryRow[];
  /** Runs that got stuck or looped, for a closer look. */
  problems: (FaultCase & { process: string; file: string })[];
}

export async function runFaults(loaded: LoadedScenario[]): Promise<FaultSummary> {
  const byProcess = new Map<string, FaultCase[]>();
  const problems: FaultSummary['problems'] = [];
  for (const { file, folder, scenario } of loaded) {
    if (!scenario) continue;
    const machine = folder.machine(scenario.process);
    if (machine instanceof Error) continue;
    const cases = await injectFaults(scenario, { machine });
    byProcess.set(scenario.process, [...(byProcess.get(scenario.process) ?? []), ...cases]);
    for (const c of cases) if (c.verdict === 'stuck' || c.verdict === 'loop') problems.push({ ...c, process: scenario.process, file });
  }
  return { rows: [...byProcess.entries()].flatMap(([process, cases]) => summarizeFaults(process, cases)), problems };
}

export function formatFaultTable(summary: FaultSummary): string {
  const head = ['process', 'fault', 'runs', 'same end', 'other end', 'stuck', 'loop'];
  const rows = summary.rows.map((r) => [r.process, r.fault, r.runs, r.sameEnd, r.differentEnd, r.stuck, r.loop].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}\n`;
  let out = `faults:\n${line(head)}`;
  for (const r of rows) out += line(r);
  for (const p of summary.problems.slice(0, 20)) out += `  ${p.verdict}: ${p.file} (${p.scenario}) ${p.fault} at ${p.at}: ${p.end}\n`;
  if (summary.problems.length > 20) out += `  … ${summary.problems.length - 20} more in --json\n`;
  return out;
}
