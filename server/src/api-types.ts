/**
 * The shapes the browser API sends, shared with the designer (`@voiceman/server/api-types`, a
 * types-only entry: it imports only the routes' JSON Schemas (schemas.ts, plain data) and
 * json-schema-to-ts, so the designer's type-check never sees Node or fastify). Each shape is
 * derived from the schema its route answers with: the schema is written once.
 * `G` is the flow graph's type: the server stores it as `unknown`, the designer reads a FlowGraph.
 */
import type { FromSchema } from 'json-schema-to-ts';
import type { processDraftSchema, processSummarySchema, versionSummarySchema } from './schemas.js';

export type ProcessSummary = FromSchema<typeof processSummarySchema>;

export type ProcessDraft<G = unknown> = Omit<FromSchema<typeof processDraftSchema>, 'graph'> & { graph: G };

export type VersionSummary = FromSchema<typeof versionSummarySchema>;

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
