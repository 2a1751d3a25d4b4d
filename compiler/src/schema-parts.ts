/**
 * Building blocks of the flow's JSON Schema (draft 2020-12), shared by the per-kind data schemas
 * (each in its kind file) and the whole-flow schema in ./flow-schema.ts. Limits (lengths,
 * counts) keep a hostile or broken file from exhausting memory.
 */
import type { FromSchema } from 'json-schema-to-ts';
import type { Grammar, Lang, LocalizedText } from '@voiceman/runtime';

export type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * The TypeScript type of a node kind's `data` schema (json-schema-to-ts): a kind's data type is
 * derived from its schema, never written beside it. The shared definitions below stand for
 * the runtime's own types, which they describe (a test-free guarantee: flow.ts and the kinds
 * would not compile against the runtime's `AskParams` etc. if they drifted).
 */
export type FromDataSchema<S extends JsonSchema> = FromSchema<
  // The data schemas' `$ref`s point into the flow schema's definitions.
  S & { readonly $defs: typeof sharedDefs },
  {
    deserialize: [
      { pattern: { $ref: '#/$defs/localizedText' }; output: LocalizedText },
      { pattern: { $ref: '#/$defs/grammar' }; output: Grammar },
      { pattern: { $ref: '#/$defs/phrases' }; output: Partial<Record<Lang, string[]>> },
      { pattern: { $ref: '#/$defs/reprompts' }; output: { reprompts: LocalizedText[]; maxAttempts: number } },
      { pattern: { $ref: '#/$defs/assignments' }; output: { variable: string; expr: string }[] },
    ];
  }
>;

export const id = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;
export const name = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' } as const;
export const outcomeName = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]{0,63}$' } as const;
export const expr = { type: 'string', minLength: 1, maxLength: 4000 } as const;
export const phraseList = {
  type: 'array',
  maxItems: 200,
  items: { type: 'string', minLength: 1, maxLength: 200 },
} as const;

/** Definitions the kinds' data schemas refer to as `#/$defs/<name>`. */
export const sharedDefs = {
  lang: { enum: ['en', 'ru'] },
  localizedText: {
    type: 'object',
    properties: {
      en: { type: 'string', maxLength: 4000 },
      ru: { type: 'string', maxLength: 4000 },
    },
    additionalProperties: false,
  },
  phrases: {
    type: 'object',
    properties: { en: phraseList, ru: phraseList },
    additionalProperties: false,
  },
  grammar: {
    type: 'object',
    required: ['type'],
    properties: { type: { enum: ['phrases', 'digits', 'number', 'yes', 'no'] } },
    allOf: [
      {
        if: { properties: { type: { const: 'phrases' } } },
        then: {
          required: ['phrases'],
          properties: { type: true, phrases: { $ref: '#/$defs/phrases' } },
          additionalProperties: false,
        },
      },
      {
        if: { properties: { type: { const: 'digits' } } },
        then: {
          required: ['minLength', 'maxLength'],
          properties: {
            type: true,
            minLength: { type: 'integer', minimum: 1, maximum: 32 },
            maxLength: { type: 'integer', minimum: 1, maximum: 32 },
          },
          additionalProperties: false,
        },
      },
      {
        if: { properties: { type: { const: 'number' } } },
        then: {
          properties: {
            type: true,
            min: { type: 'number' },
            max: { type: 'number' },
            minExpr: expr,
            maxExpr: expr,
          },
          additionalProperties: false,
        },
      },
      {
        if: { properties: { type: { enum: ['yes', 'no'] } } },
        then: { properties: { type: true }, additionalProperties: false },
      },
    ],
  },
  reprompts: {
    type: 'object',
    required: ['reprompts', 'maxAttempts'],
    properties: {
      reprompts: { type: 'array', maxItems: 10, items: { $ref: '#/$defs/localizedText' } },
      maxAttempts: { type: 'integer', minimum: 1, maximum: 10 },
    },
    additionalProperties: false,
  },
  assignments: {
    type: 'array',
    maxItems: 200,
    items: {
      type: 'object',
      required: ['variable', 'expr'],
      properties: { variable: name, expr },
      additionalProperties: false,
    },
  },
  variable: {
    type: 'object',
    required: ['name', 'type'],
    properties: {
      name,
      type: { enum: ['string', 'int', 'double', 'bool', 'list', 'map', 'dyn'] },
      default: true,
      description: { type: 'string', maxLength: 2000 },
      input: { type: 'boolean' },
      output: { type: 'boolean' },
    },
    additionalProperties: false,
  },
  globalWord: {
    type: 'object',
    required: ['name', 'phrases', 'target'],
    properties: { name, phrases: { $ref: '#/$defs/phrases' }, target: id },
    additionalProperties: false,
  },
  position: {
    type: 'object',
    required: ['x', 'y'],
    properties: { x: { type: 'number' }, y: { type: 'number' } },
    additionalProperties: false,
  },
} as const;
