/**
 * Lints the graph with the compiler's `lintFlow` shortly after each change (not on every
 * keystroke), in a Web Worker so that opening or editing a large flow never blocks a frame,
 * and stores the findings beside the graph for the canvas marks, the problems panel and the
 * inspector's underlines. A result for an older graph than the latest sent is dropped.
 */
import { useEffect } from 'react';
import { lintFlow, type Diagnostic } from '@voiceman/compiler';
import type { ProcessGraphs } from './subflow-graphs.js';
import type { EditorStore } from '../../store/editor-store.js';

/** Synchronous lint, when the answer is needed now (opening the publish dialog). */
export function lintNow(store: EditorStore, callees: ProcessGraphs = {}): void {
  store.getState().setDiagnostics(lintFlow(store.getState().graph, { resolveProcess: (key) => callees[key] }));
}

export function useLiveLint(store: EditorStore, callees: ProcessGraphs, delayMs = 250): void {
  useEffect(() => {
    const worker = new Worker(new URL('./lint.worker.ts', import.meta.url), { type: 'module' });
    let sent = 0;
    worker.onmessage = (e: MessageEvent<{ id: number; diagnostics: Diagnostic[] }>) => {
      if (e.data.id === sent) store.getState().setDiagnostics(e.data.diagnostics);
    };
    const send = () => worker.postMessage({ id: ++sent, graph: store.getState().graph, callees });
    send();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.graph === prev.graph) return;
      clearTimeout(timer);
      timer = setTimeout(send, delayMs);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
      worker.terminate();
    };
  }, [store, callees, delayMs]);
}
