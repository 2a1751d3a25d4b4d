/**
 * The editor page's side of the simulator: one simulation store per open editor (created when
 * the panel first opens), the machine its stubs and states tabs read, and the run as the canvas
 * shows it (marks on the process, or on the callee while the run is inside a subflow).
 */
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { FlowGraph } from '@voiceman/compiler';
import { api, call } from '../../api/client.js';
import { noRunMarks, runMarks, runPath, type Crumb, type RunMarks } from '../../simulate/canvas-run.js';
import { defaultInputText, withSettings, type SettingInput } from '../../simulate/run-inputs.js';
import { compileDraftForRun, sessionFactory, type RunSource } from '../../simulate/sessions.js';
import { createSimStore, initialSettings, type SimStore } from '../../simulate/sim-store.js';
import { simulationApi } from '../../simulate/simulation-api.js';
import { createWmsProxyFetcher } from '../../simulate/wms-proxy.js';
import { connectInspector } from '../../simulate/inspector.js';
import type { EditorStore } from '../../store/editor-store.js';

export interface PublishedSource {
  number: number;
  machine: unknown;
  hash: string;
}

export function createPageSimStore(editor: EditorStore, processKey: string, published: PublishedSource | undefined, saveDraft?: () => Promise<void>): SimStore {
  const graph = editor.getState().graph;
  const source: RunSource = published
    ? { kind: 'version', processKey, number: published.number, machine: published.machine, hash: published.hash }
    : { kind: 'draft', processKey, graph: () => editor.getState().graph, callees: () => editor.getState().callees };
  let store: SimStore | undefined = undefined;
  const factory = sessionFactory(source, {
    fetcher: createWmsProxyFetcher(),
    referenceTable: (name) => api.getReference(name),
    serverApi: simulationApi,
    ...(saveDraft ? { beforeServerRun: saveDraft } : {}),
    inspector: async (machine) => {
      const url = store?.getState().settings.inspectUrl;
      return url ? connectInspector(url, machine) : undefined;
    },
  });
  const defaults = defaultInputText(graph);
  store = createSimStore(factory, initialSettings(graph.process.languages[0] ?? 'en'), defaults);
  // Start waits for it: a run started before the settings arrive would use the flow's own
  // defaults (a wmsUrl the simulator's WMS proxy refuses) and fail at its first request.
  void store.getState().loadInputs(() => prefillFromSettings(store!, processKey, published?.number, defaults));
  return store;
}

/** The environment whose settings a run takes, as the server's simulations do by default. */
const SIMULATION_ENVIRONMENT = 'development';

async function prefillFromSettings(store: SimStore, processKey: string, version: number | undefined, defaults: Record<string, string>): Promise<void> {
  const query = `processKey=${encodeURIComponent(processKey)}&version=${version ?? 'draft'}`;
  try {
    const view = await call<{ process?: { inputs?: SettingInput[] } }>('GET', `/api/environments/${SIMULATION_ENVIRONMENT}/effective-settings?${query}`);
    const inputs = view.process?.inputs ?? [];
    const state = store.getState();
    const next = withSettings(state.inputText, defaults, inputs);
    for (const [name, text] of Object.entries(next)) if (text !== state.inputText[name]) state.setInputText(name, text);
  } catch {
    // No such environment here, or no settings: the flow's defaults stay.
  }
}

/** The machine for the stubs and states tabs: the version's, or the draft compiled (null while it does not). */
export function usePanelMachine(editor: EditorStore, published: PublishedSource | undefined): unknown {
  const graph = useStore(editor, (s) => s.graph);
  const callees = useStore(editor, (s) => s.callees);
  const [machine, setMachine] = useState<unknown>(published?.machine ?? null);
  // Reference tables are read once while the panel is open (the machine only lists states here).
  const tables = useMemo(() => {
    const cache = new Map<string, ReturnType<typeof api.getReference>>();
    return (name: string) => {
      if (!cache.has(name)) cache.set(name, api.getReference(name));
      return cache.get(name)!;
    };
  }, []);
  useEffect(() => {
    if (published) return;
    let live = true;
    // Compiling a large flow takes a moment: not on every keystroke.
    const timer = setTimeout(() => {
      compileDraftForRun(graph, callees, tables).then(
        (compiled) => live && setMachine(compiled.machine),
        () => live && setMachine(null),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [graph, callees, published, tables]);
  return machine;
}

export interface CanvasRun {
  /** Marks for the process's own canvas. */
  main: RunMarks;
  /** Set while the run is inside a subflow: the callee's graph and marks. */
  callee?: { graph: FlowGraph; marks: RunMarks };
  crumbs: Crumb[];
}

export function useCanvasRun(sim: SimStore | undefined, editor: EditorStore): CanvasRun | undefined {
  const view = useStore(sim ?? fallbackStore, (s) => s.view);
  const graph = useStore(editor, (s) => s.graph);
  const callees = useStore(editor, (s) => s.callees);
  return useMemo(() => {
    if (!sim || !view) return undefined;
    const path = runPath(graph, view.activeStates, (key) => callees[key]);
    const main = runMarks(graph, view, '');
    const callee = path.prefix ? { graph: path.graph, marks: runMarks(path.graph, view, path.prefix) } : undefined;
    return { main, crumbs: path.crumbs, ...(callee ? { callee } : {}) };
  }, [sim, view, graph, callees]);
}

/** Stands in while no panel was opened, so the hook above always subscribes to some store. */
const fallbackStore = createSimStore(() => Promise.reject(new Error('no simulation')), initialSettings('en'));

export { noRunMarks };
