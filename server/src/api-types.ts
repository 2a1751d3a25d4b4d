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
  /** Where the process runs now (sites whose current deployment is one of its versions). */
  deployments: { siteId: string; versionNumber: number }[];
  /** Processes whose drafts call this one as a subflow. */
  calledBy: string[];
  /** Declares input or output variables: written to be called as a subflow. */
  subflow: boolean;
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

/** A setting's value as a browser sees it: a secret only as set or not. */
export type ShownSettingValue = string | number | boolean | null | { secret: true; set: boolean };

/** `GET /api/environments/:environment/settings` items. */
export interface SettingSummary {
  name: string;
  type: 'string' | 'int' | 'double' | 'bool';
  description: string;
  secret: boolean;
  value: ShownSettingValue;
  updatedAt: string;
  updatedBy: string;
}

/** What a terminal gets for each deployed process besides its machine (`GET /api/terminal/v1/machines`). */
export interface DeliveredSettings {
  /** DialogOptions.input: the process's input variables from the site's settings. */
  input: Record<string, string | number | boolean>;
  /** DialogOptions.settings. */
  settings: { confidenceThreshold?: number; silenceTimeoutFactor?: number; language?: 'en' | 'ru' };
  /** DialogOptions.secrets. */
  secrets: string[];
}
