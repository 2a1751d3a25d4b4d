/**
 * JSON Schema (draft 2020-12) of the flow format, formatVersion 1. This literal is the source;
 * compiler/flow.schema.json is written from it (`npm run schema -w compiler`) and a test keeps
 * the two equal. Each kind's `data` schema lives in its kind file (`dataSchema`); the kind list
 * comes from the registry, so adding a kind touches no line here.
 */
import { BUILTIN_WORD_NAMES } from '@voiceman/runtime';
import { nodeKinds } from './kinds/index.js';
import { id, outcomeName, sharedDefs } from './schema-parts.js';
import { PROCESS_KEY_PATTERN } from './process-key.js';

const kinds = Object.keys(nodeKinds) as (keyof typeof nodeKinds)[];

const $defs = {
  ...sharedDefs,
  builtinWord: {
    type: 'object',
    properties: { off: { type: 'boolean' }, phrases: { $ref: '#/$defs/phrases' } },
    additionalProperties: false,
  },
  data: Object.fromEntries(kinds.map((kind) => [kind, nodeKinds[kind].dataSchema])),
  node: {
    type: 'object',
    required: ['id', 'kind', 'position', 'data'],
    properties: {
      id,
      kind: { enum: kinds },
      position: { $ref: '#/$defs/position' },
      label: { type: 'string', maxLength: 200 },
      switchPoint: { type: 'boolean' },
      data: { type: 'object' },
    },
    additionalProperties: false,
    allOf: kinds.map((kind) => ({
      if: { properties: { kind: { const: kind } } },
      then: { properties: { data: { $ref: `#/$defs/data/${kind}` } } },
    })),
  },
  edge: {
    type: 'object',
    required: ['id', 'source', 'outcome', 'target'],
    properties: { id, source: id, outcome: outcomeName, target: id },
    additionalProperties: false,
  },
} as const;

export const flowSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://voiceman.dev/schema/flow-1.json',
  title: 'Voiceman flow graph, formatVersion 1',
  type: 'object',
  required: ['formatVersion', 'process', 'nodes', 'edges'],
  properties: {
    formatVersion: { const: 1 },
    process: {
      type: 'object',
      required: ['key', 'name', 'languages', 'variables', 'globalWords'],
      properties: {
        key: { type: 'string', pattern: PROCESS_KEY_PATTERN },
        name: { type: 'string', minLength: 1, maxLength: 200 },
        description: { type: 'string', maxLength: 4000 },
        languages: { type: 'array', minItems: 1, maxItems: 2, uniqueItems: true, items: { $ref: '#/$defs/lang' } },
        variables: { type: 'array', maxItems: 500, items: { $ref: '#/$defs/variable' } },
        globalWords: { type: 'array', maxItems: 50, items: { $ref: '#/$defs/globalWord' } },
        inPlaceWords: { type: 'array', maxItems: 50, items: { $ref: '#/$defs/globalWord' } },
        builtinWords: {
          type: 'object',
          properties: Object.fromEntries(BUILTIN_WORD_NAMES.map((n) => [n, { $ref: '#/$defs/builtinWord' }])),
          additionalProperties: false,
        },
        // Names are checked by the linter (reference-table-name) for a clearer message.
        referenceTables: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 100 } },
        settings: {
          type: 'object',
          properties: {
            minConfidence: { type: 'number', minimum: 0, maximum: 1 },
            noInputTimeoutMs: { type: 'integer', minimum: 1000, maximum: 120000 },
            // Upper confidence band of every ask without its own (format version 2).
            confirmBelow: { type: 'number', minimum: 0, maximum: 1 },
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    nodes: { type: 'array', maxItems: 20000, items: { $ref: '#/$defs/node' } },
    edges: { type: 'array', maxItems: 60000, items: { $ref: '#/$defs/edge' } },
  },
  additionalProperties: false,
  $defs,
} as const;
