import type { CompileFlow } from './compile.js';
import { compileDraft, hasErrors } from './compile.js';
import type { Repositories } from './app.js';
import type { ReferenceRow } from './repositories/reference.js';
import type { ProcessDraft } from './repositories/processes.js';
import { normaliseBase } from './simulations/wms-forward.js';

export interface SeedResult {
  created: string[];
  skipped: { key: string; reason: string }[];
}

export interface SeedOptions {
  /** Reference tables to create first (the examples read `ref.short_reasons`). */
  referenceTables?: Record<string, ReferenceRow[]>;
  /** Default of every flow's `wmsUrl` variable (the mock WMS actually listening). */
  wmsUrl?: string;
  author?: string;
}

function withWmsUrl(flow: unknown, wmsUrl: string | undefined): unknown {
  const proc = (flow as { process?: { variables?: unknown } })?.process;
  if (!wmsUrl || !proc || !Array.isArray(proc.variables)) return flow;
  const variables = proc.variables.map((v) => ((v as { name?: unknown })?.name === 'wmsUrl' ? { ...(v as object), default: wmsUrl } : v));
  return { ...(flow as object), process: { ...proc, variables } };
}

/** The environment whose sites run the seeded examples, and whose WMS the simulator may call. */
export const DEVELOPMENT = 'development';

/** Lets the simulator call the mock WMS (added to the development environment's list once). */
export async function seedWmsBase(repos: Repositories, wmsUrl: string, author = 'admin'): Promise<void> {
  const n = normaliseBase(wmsUrl);
  if ('problem' in n) throw new Error(`mock WMS URL: ${n.problem}`);
  const { bases } = await repos.wmsBases.get(DEVELOPMENT);
  if (!bases.includes(n.base)) await repos.wmsBases.put(DEVELOPMENT, [...bases, n.base], author);
}

/**
 * When the database has no processes yet: create the reference tables, each example process,
 * publish version 1 and deploy it to the development site (`dev-lab`). Callers run their
 * callees' published versions, so a flow is published once all the flows it calls are.
 * Does nothing on a database that has processes.
 */
export async function seedExamples(repos: Repositories, compile: CompileFlow, flows: unknown[], options: SeedOptions = {}): Promise<SeedResult> {
  const author = options.author ?? 'admin';
  const result: SeedResult = { created: [], skipped: [] };
  // Every start: the mock WMS may listen on another port than last time.
  if (options.wmsUrl) await seedWmsBase(repos, options.wmsUrl, author);
  if ((await repos.processes.count()) > 0) return result;
  for (const [name, rows] of Object.entries(options.referenceTables ?? {})) {
    if (!(await repos.reference.find(name))) await repos.reference.put(name, rows, author);
  }
  let pending: ProcessDraft[] = [];
  for (const flow of flows) {
    const proc = (flow as { process?: { key?: unknown; name?: unknown } }).process;
    if (typeof proc?.key !== 'string') {
      result.skipped.push({ key: '?', reason: 'flow has no process.key' });
      continue;
    }
    pending.push(await repos.processes.create(proc.key, typeof proc.name === 'string' ? proc.name : proc.key, withWmsUrl(flow, options.wmsUrl), author));
  }
  // Publish in rounds: a flow waits until the flows it calls have a version.
  for (let progress = true; progress && pending.length > 0; ) {
    progress = false;
    const waiting: ProcessDraft[] = [];
    for (const draft of pending) {
      const compiled = await compileDraft(compile, repos, draft.graph);
      if (compiled.unpublished.length > 0) {
        waiting.push(draft);
        continue;
      }
      progress = true;
      if (hasErrors(compiled) || typeof compiled.hash !== 'string') {
        result.skipped.push({ key: draft.key, reason: compiled.diagnostics.map((d) => d.message).join('; ') || 'compile failed' });
        continue;
      }
      const v = await repos.versions.insert({
        processKey: draft.key, revision: draft.revision, graph: draft.graph, machine: compiled.machine, hash: compiled.hash,
        note: 'example', author, callees: compiled.callees,
      });
      await repos.environments.deploy('dev-lab', draft.key, v.number, author);
      result.created.push(draft.key);
    }
    pending = waiting;
  }
  for (const draft of pending) result.skipped.push({ key: draft.key, reason: 'calls a process that could not be published' });
  return result;
}
