/** The load run's rows as a Markdown table, ready for the README (one line per fleet size). */
type Row = Record<string, unknown>;

const num = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : '–');

const COLUMNS: [string, (r: Row) => string][] = [
  ['terminals', (r) => num(r.terminals)],
  ['working at window start', (r) => num(r.workingAtStart)],
  ['fleet start s', (r) => (r.fleetStartS === null ? 'not all' : num(r.fleetStartS))],
  ['POSTs/s', (r) => num(r.postsPerS)],
  ['events stored/s', (r) => num(r.eventsStoredPerS)],
  ['p50 / p99 ms', (r) => `${num(r.p50Ms)} / ${num(r.p99Ms)}`],
  ['errors', (r) => num(r.errors)],
  ['server cores (CPU s)', (r) => `${num(r.serverCores)} (${num(r.serverCpuS)})`],
  ['server CPU ms/POST', (r) => num(r.serverCpuMsPerPost)],
  ['PostgreSQL cores (CPU s)', (r) => `${num(r.postgresCores)} (${num(r.postgresCpuS)})`],
  ['PG CPU ms/POST', (r) => num(r.postgresCpuMsPerPost)],
  ['generator cores (CPU s)', (r) => `${num(r.generatorCores)} (${num(r.generatorCpuS)})`],
  ['generator ms per terminal-s / per event', (r) => `${num(r.generatorMsPerTerminalS)} / ${num(r.generatorMsPerEvent)}`],
  ['generator loop delay p99 ms', (r) => num(r.generatorLoopDelayP99Ms)],
  ['server peak RSS MiB', (r) => num(r.serverPeakRssMiB)],
  ['load avg (1 min)', (r) => num((r.loadAverage as number[] | undefined)?.[0])],
];

export function markdownTable(rows: Row[]): string {
  const lines = [`| ${COLUMNS.map(([h]) => h).join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`];
  for (const r of rows) {
    lines.push(r.error ? `| ${num(r.terminals)} | ${String(r.error)} |${' |'.repeat(COLUMNS.length - 2)}` : `| ${COLUMNS.map(([, f]) => f(r)).join(' | ')} |`);
  }
  return lines.join('\n');
}
