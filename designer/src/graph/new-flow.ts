import type { FlowGraph } from '@voiceman/compiler';
import type { Lang } from '@voiceman/runtime';

/** What "New process" starts from: one start node, the interface language first. */
export function newFlow(key: string, name: string, languages: Lang[] = ['en', 'ru']): FlowGraph {
  return {
    formatVersion: 1,
    process: { key, name, languages, variables: [], globalWords: [] },
    nodes: [{ id: 'start', kind: 'start', position: { x: 0, y: 0 }, data: {} }],
    edges: [],
  };
}
