/**
 * Flows the open flow calls as subflows (and the flows those call), fetched from the server so
 * the live lint can check subflow inputs, outputs and outcomes as the server will on publish.
 */
import { useEffect, useState } from 'react';
import type { FlowGraph } from '@voiceman/compiler';
import { api } from '../../api/client.js';
import type { EditorStore } from '../../store/editor-store.js';

export type ProcessGraphs = Record<string, FlowGraph>;

/** One empty value, so a flow without subflows never restarts the lint worker. */
const NONE: ProcessGraphs = Object.freeze({}) as ProcessGraphs;

export function calledKeys(graph: FlowGraph): string[] {
  return [...new Set(graph.nodes.flatMap((n) => (n.kind === 'subflow' && n.data.processKey ? [n.data.processKey] : [])))].sort();
}

/** Fetches every process reachable through subflow nodes; unknown keys are simply left out. */
export async function fetchCallees(root: FlowGraph, fetchGraph: (key: string) => Promise<FlowGraph | undefined>, limit = 50): Promise<ProcessGraphs> {
  const found: ProcessGraphs = {};
  const queue = calledKeys(root).filter((k) => k !== root.process.key);
  const seen = new Set(queue);
  while (queue.length && Object.keys(found).length < limit) {
    const key = queue.shift()!;
    const graph = await fetchGraph(key);
    if (!graph) continue;
    found[key] = graph;
    for (const k of calledKeys(graph)) if (!seen.has(k) && k !== root.process.key) (seen.add(k), queue.push(k));
  }
  return found;
}

export function useSubflowGraphs(store: EditorStore): ProcessGraphs {
  const [keys, setKeys] = useState(() => calledKeys(store.getState().graph).join(','));
  const [graphs, setGraphs] = useState<ProcessGraphs>(NONE);
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.graph !== prev.graph) setKeys(calledKeys(s.graph).join(','));
      }),
    [store],
  );
  useEffect(() => {
    if (!keys) return setGraphs(NONE);
    let live = true;
    const timer = setTimeout(() => {
      void fetchCallees(store.getState().graph, (key) => api.getProcess(key).then((p) => p.graph, () => undefined)).then((g) => live && setGraphs(g));
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [keys, store]);
  return graphs;
}
