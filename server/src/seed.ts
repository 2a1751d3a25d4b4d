import type { CompileFlow } from './compile.js';
import { compileDraft, hasErrors } from './compile.js';
import type { Repositories } from './app.js';
import type { ReferenceRow } from './repositories/reference.js';
import type { ProcessDraft } from './repositories/processes.js';
import { HttpError } from './errors.js';
import { settingsService } from './settings/service.js';
import { normaliseBase } from './simulations/wms-forward.js';

export interface SeedResult {
  created: string[];
  skipped: { key: string; reason: string }[];
}

export interface SeedOptions {
  /** Reference tables to create first (the examples read `ref.short_reasons`). */
  referenceTables?: Record<string, ReferenceRow[]>;
  /**
   * The development environment's `wmsUrl` setting (the mock WMS actually listening): what the
   * examples' `wmsUrl` input gets at the development site. The flows are stored as they are.
   */
  wmsUrl?: string;
  author?: string;
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
 * When the database has no processes yet: create the reference tables, the development
 * environment's `wmsUrl` setting (when given and not set yet), each example process, publish
 * version 1 and deploy it to the development site (`dev-lab`); a process whose inputs have no
 * setting there is published but not deployed (reported in `skipped`). Callers run their
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
  if (options.wmsUrl && !(await repos.settings.definition('development', 'wmsUrl'))) {
    const def = { name: 'wmsUrl', type: 'string' as const, description: 'Base URL of the WMS (seeded: the mock WMS of `npm start`).', secret: false };
    await repos.settings.putEnvironment('development', def, options.wmsUrl, author, async () => {});
  }
  const settings = settingsService(repos.settings, repos.environments);
  let pending: ProcessDraft[] = [];
  for (const flow of flows) {
    const proc = (flow as { process?: { key?: unknown; name?: unknown } }).process;
    if (typeof proc?.key !== 'string') {
      result.skipped.push({ key: '?', reason: 'flow has no process.key' });
      continue;
    }
    pending.push(await repos.processes.create(proc.key, typeof proc.name === 'string' ? proc.name : proc.key, flow, author));
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
      result.created.push(draft.key);
      // The seed acts for nobody: the audit log says the server did it.
      await repos.audit.record({ actor: 'system', action: 'version.publish', target: `${draft.key}@${v.number}`, after: { number: v.number, hash: v.hash, note: 'example' } });
      try {
        await settings.deploy('dev-lab', draft.key, v.number, author);
        await repos.audit.record({ actor: 'system', action: 'deployment.deploy', target: `${draft.key}@${v.number} → dev-lab`, before: null, after: { versionNumber: v.number } });
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        result.skipped.push({ key: draft.key, reason: `published, not deployed: ${err.message}` });
      }
    }
    pending = waiting;
  }
  for (const draft of pending) result.skipped.push({ key: draft.key, reason: 'calls a process that could not be published' });
  return result;
}
