/// <reference lib="webworker" />
/** Lints flows off the main thread: a 500-node flow takes a few hundred ms, longer than a frame. */
import { lintFlow } from '@voiceman/compiler';

self.onmessage = (e: MessageEvent<{ id: number; graph: unknown }>) => {
  const { id, graph } = e.data;
  self.postMessage({ id, diagnostics: lintFlow(graph) });
};
