import type { CompileFlow } from './compile.js';
import { compileDraft, hasErrors } from './compile.js';
import type { Repositories } from './app.js';

export interface SeedResult {
  created: string[];
  skipped: { key: string; reason: string }[];
}

/**
 * When the database has no processes yet: create each example process, publish version 1 and
 * deploy it to the development site (`dev-lab`). Does nothing on a database that has processes.
 */
export async function seedExamples(repos: Repositories, compile: CompileFlow, flows: unknown[], author = 'admin'): Promise<SeedResult> {
  const result: SeedResult = { created: [], skipped: [] };
  if ((await repos.processes.count()) > 0) return result;
  // Create every draft first: examples call each other as subflows.
  const drafts = [];
  for (const flow of flows) {
    const proc = (flow as { process?: { key?: unknown; name?: unknown } }).process;
    if (typeof proc?.key !== 'string') {
      result.skipped.push({ key: '?', reason: 'flow has no process.key' });
      continue;
    }
    drafts.push(await repos.processes.create(proc.key, typeof proc.name === 'string' ? proc.name : proc.key, flow, author));
  }
  for (const draft of drafts) {
    const compiled = await compileDraft(compile, repos.processes, draft.graph);
    if (hasErrors(compiled) || typeof compiled.hash !== 'string') {
      result.skipped.push({ key: draft.key, reason: compiled.diagnostics.map((d) => d.message).join('; ') || 'compile failed' });
      continue;
    }
    const v = await repos.versions.insert({
      processKey: draft.key, revision: draft.revision, graph: draft.graph, machine: compiled.machine, hash: compiled.hash,
      note: 'example', author,
    });
    await repos.environments.deploy('dev-lab', draft.key, v.number, author);
    result.created.push(draft.key);
  }
  return result;
}
