/**
 * The shapes the browser API sends, shared with the designer (`@voiceman/server/api-types`, a
 * types-only entry with no imports, so the designer's type-check never sees Node or fastify).
 * `G` is the flow graph's type: the server stores it as `unknown`, the designer reads a FlowGraph.
 */
export interface ProcessSummary {
  key: string;
  name: string;
  revision: number;
  updatedAt: string;
  updatedBy: string;
  latestVersion: number | null;
}

export interface ProcessDraft<G = unknown> {
  key: string;
  name: string;
  revision: number;
  graph: G;
  updatedAt: string;
  updatedBy: string;
}

export interface VersionSummary {
  number: number;
  hash: string;
  note: string;
  author: string;
  createdAt: string;
}
