/**
 * Lints the graph with the compiler's `lintFlow` shortly after each change (not on every
 * keystroke), and stores the findings beside the graph for the canvas marks, the problems
 * panel and the inspector's underlines.
 */
import { useEffect } from 'react';
import { lintFlow, type FlowGraph, type ResolveProcess } from '@voiceman/compiler';
import type { EditorStore } from '../../store/editor-store.js';

export function lintNow(store: EditorStore, resolveProcess?: ResolveProcess): void {
  const graph: FlowGraph = store.getState().graph;
  store.getState().setDiagnostics(lintFlow(graph, { resolveProcess }));
}

export function useLiveLint(store: EditorStore, resolveProcess: ResolveProcess | undefined, delayMs = 250): void {
  useEffect(() => {
    lintNow(store, resolveProcess);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.graph === prev.graph) return;
      clearTimeout(timer);
      timer = setTimeout(() => lintNow(store, resolveProcess), delayMs);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store, resolveProcess, delayMs]);
}
