/** Shared by the scenario tests: the examples' committed scenarios, HTTP calls, run polling. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exampleFlows, exampleReferenceTables } from '@voiceman/examples';
import type { LightMyRequestResponse } from 'fastify';
import type { ScenarioRunReport } from '../src/api-types.js';
import type { VoicemanApp } from '../src/build.js';
import { seedExamples } from '../src/seed.js';

const FLOWS = fileURLToPath(new URL('../../examples/flows/', import.meta.url));

/** The committed `<process>.*.scenario.json` files of one example process, parsed, by file name. */
export function exampleScenarios(processKey: string): Record<string, unknown>[] {
  return readdirSync(FLOWS)
    .filter((f) => f.startsWith(`${processKey}.`) && f.endsWith('.scenario.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(`${FLOWS}${f}`, 'utf8')) as Record<string, unknown>);
}

/** The examples as `npm start` seeds them (a WMS URL, so they are deployed at dev-lab). */
export async function seed(app: VoicemanApp): Promise<void> {
  const seeded = await seedExamples(app.repos, await app.compiler(), exampleFlows(), { referenceTables: exampleReferenceTables(), wmsUrl: 'http://127.0.0.1:4999' });
  if (seeded.skipped.length) throw new Error(`seeding skipped ${JSON.stringify(seeded.skipped)}`);
}

export type Call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => Promise<LightMyRequestResponse>;

export function caller(app: VoicemanApp, cookie: string): Call {
  return (method, url, payload) => app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

/** Polls a run until it is no longer running; `seen` is every `done` count a poll saw. */
export async function finished(call: Call, id: string, timeoutMs = 60_000): Promise<{ report: ScenarioRunReport; seen: number[]; polls: ScenarioRunReport[] }> {
  const seen: number[] = [];
  const polls: ScenarioRunReport[] = [];
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await call('GET', `/api/scenario-runs/${id}`);
    if (res.statusCode !== 200) throw new Error(`GET run ${id}: ${res.statusCode} ${res.body}`);
    const report = res.json() as ScenarioRunReport;
    seen.push(report.done);
    polls.push(report);
    if (report.status !== 'running') return { report, seen, polls };
    if (Date.now() > until) throw new Error(`run ${id} still running after ${timeoutMs} ms: ${report.done}/${report.total}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

/** The draft with one prompt's wording changed (`from` must occur in it). */
export async function changeDraft(call: Call, key: string, from: string, to: string): Promise<number> {
  const current = (await call('GET', `/api/processes/${key}`)).json() as { graph: unknown; revision: number };
  const text = JSON.stringify(current.graph);
  if (!text.includes(from)) throw new Error(`the draft of ${key} has no ${from}`);
  const res = await call('PUT', `/api/processes/${key}/draft`, { graph: JSON.parse(text.replace(from, to)), revision: current.revision });
  if (res.statusCode !== 200) throw new Error(`save draft: ${res.statusCode} ${res.body}`);
  return (res.json() as { revision: number }).revision;
}

/** The wording the tests change: case-picking announces the aisle of each pick. */
export const AISLE = { from: '"Aisle {{ pick.aisle }}."', to: '"Go to aisle {{ pick.aisle }}."' } as const;
