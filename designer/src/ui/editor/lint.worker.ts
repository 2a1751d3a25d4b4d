/// <reference lib="webworker" />
/** Lints flows off the main thread: a 500-node flow takes a few hundred ms, longer than a frame. */
import { lintFlow, type FlowGraph } from '@voiceman/compiler';

self.onmessage = (e: MessageEvent<{ id: number; graph: unknown; callees: Record<string, FlowGraph> }>) => {
  const { id, graph, callees } = e.data;
  self.postMessage({ id, diagnostics: lintFlow(graph, { resolveProcess: (key) => callees[key] }) });
};
