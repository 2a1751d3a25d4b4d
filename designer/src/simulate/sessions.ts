/**
 * Where a run's machine comes from and where it runs. A draft is compiled in the page with the
 * shared compiler (unsaved edits included, as the live lint sees them), a published version
 * runs its stored machine; both run in the page (`createSimulation`) with unstubbed WMS calls
 * through the server's proxy. "Run on server" uses the server's simulation API instead (the
 * saved draft or the version, as the server has them).
 */
import { compileFlow, type FlowGraph, type ReferenceData } from '@voiceman/compiler';
import { loadMachine } from '@voiceman/runtime';
import { createSimulation, type SimulationSession } from '@voiceman/simulator';
import { SimStartError, type RunSettings, type SessionFactory } from './sim-store.js';
import { createServerSession, type SimulationApi } from './server-session.js';
import type { WmsFetcher } from './wms-proxy.js';

export type RunSource =
  | { kind: 'draft'; processKey: string; graph: () => FlowGraph; callees: () => Record<string, FlowGraph> }
  | { kind: 'version'; processKey: string; number: number; machine: unknown; hash: string };

export interface SessionDeps {
  fetcher: WmsFetcher;
  /** Current rows of a reference table (`GET /api/reference/:name`). */
  referenceTable(name: string): Promise<{ revision: number; rows: { key: string; value: string }[] }>;
  serverApi: SimulationApi;
  /** Saves the draft before a server run, so the server runs what the page shows. */
  beforeServerRun?: () => Promise<void>;
  /** Passed to the simulation for the inspector connection (in-page runs only). */
  inspect?: () => import('@voiceman/runtime').DialogOptions['inspect'];
}

/** Tables the process and its callees read (`process.referenceTables`). */
export function referenceTableNames(graph: FlowGraph, callees: Record<string, FlowGraph>): string[] {
  const names = new Set<string>(graph.process.referenceTables ?? []);
  for (const g of Object.values(callees)) for (const n of g.process.referenceTables ?? []) names.add(n);
  return [...names].sort();
}

/** Compiles the draft as the server would at publish; its problems make a SimStartError. */
export async function compileDraftForRun(
  graph: FlowGraph,
  callees: Record<string, FlowGraph>,
  referenceTable: SessionDeps['referenceTable'],
): Promise<{ machine: unknown; hash: string }> {
  const referenceData: ReferenceData = {};
  for (const name of referenceTableNames(graph, callees)) {
    try {
      referenceData[name] = await referenceTable(name);
    } catch {
      // A missing table is reported by the compiler (`reference-missing`) with the process that lists it.
    }
  }
  const result = compileFlow(graph, { resolveProcess: (key) => callees[key], referenceData });
  if (!result.ok || !result.machine || !result.hash) {
    const problems = result.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ message: d.message, ...(d.nodeId ? { nodeId: d.nodeId } : {}) }));
    throw new SimStartError('compile', problems);
  }
  return { machine: result.machine, hash: result.hash };
}

export function sessionFactory(source: RunSource, deps: SessionDeps): SessionFactory {
  return async (settings: RunSettings): Promise<SimulationSession> => {
    if (settings.where === 'server') {
      if (source.kind === 'draft') await deps.beforeServerRun?.();
      return createServerSession(deps.serverApi, {
        processKey: source.processKey,
        version: source.kind === 'draft' ? 'draft' : source.number,
        language: settings.language,
        input: settings.input,
        stubs: settings.stubs,
      });
    }
    const { machine, hash } = source.kind === 'draft' ? await compileDraftForRun(source.graph(), source.callees(), deps.referenceTable) : source;
    const inspect = deps.inspect?.();
    return createSimulation({
      machine: loadMachine(machine),
      processKey: source.processKey,
      versionHash: hash,
      language: settings.language,
      input: settings.input,
      stubs: settings.stubs,
      fetcher: deps.fetcher,
      clock: settings.clock,
      ...(inspect ? { inspect } : {}),
      ...(settings.operatorId ? { operatorId: settings.operatorId } : {}),
    });
  };
}
