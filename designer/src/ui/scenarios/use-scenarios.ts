/** The editor page's side of scenarios: one store per open process, and the coverage the canvas draws. */
import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { scenariosApi } from '../../scenarios/api.js';
import { edgeCoverage } from '../../scenarios/coverage-edges.js';
import { createScenariosStore, type ScenariosStore } from '../../scenarios/scenarios-store.js';
import type { EditorStore } from '../../store/editor-store.js';

export function useScenariosStore(processKey: string, beforeDraftRun?: () => Promise<void>, version?: number): ScenariosStore {
  const store = useMemo(
    () => createScenariosStore(processKey, { api: scenariosApi, ...(beforeDraftRun ? { beforeDraftRun } : {}) }, version ?? 'draft'),
    [processKey, beforeDraftRun, version],
  );
  useEffect(() => {
    void store.getState().load();
    return () => store.getState().dispose();
  }, [store]);
  return store;
}

/** Edge ids the latest run left uncovered, while the panel's toggle shows them. */
export function useUncoveredEdges(store: ScenariosStore, editor: EditorStore): ReadonlySet<string> | undefined {
  const coverage = useStore(store, (s) => (s.run?.status === 'done' ? s.run.coverage : null));
  const show = useStore(store, (s) => s.showCoverage);
  const graph = useStore(editor, (s) => s.graph);
  return useMemo(() => (show && coverage ? edgeCoverage(graph, coverage).uncovered : undefined), [show, coverage, graph]);
}
