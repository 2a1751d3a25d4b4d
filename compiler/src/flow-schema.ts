/**
 * JSON Schema (draft 2020-12) of the flow format, formatVersion 1. This literal is the source;
 * compiler/flow.schema.json is written from it (`npm run schema -w compiler`) and a test keeps
 * the two equal. Limits (lengths, counts) keep a hostile or broken file from exhausting memory.
 */
const id = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;
const name = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' } as const;
const outcomeName = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]{0,63}$' } as const;
const expr = { type: 'string', minLength: 1, maxLength: 4000 } as const;
const phraseList = {
  type: 'array',
  maxItems: 200,
  items: { type: 'string', minLength: 1, maxLength: 200 },
} as const;

const $defs = {
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
  data: {
    start: { type: 'object', additionalProperties: false },
    say: {
      type: 'object',
      required: ['text'],
      properties: { text: { $ref: '#/$defs/localizedText' } },
      additionalProperties: false,
    },
    ask: {
      type: 'object',
      required: ['prompt', 'outcomes', 'noInput', 'noMatch'],
      properties: {
        prompt: { $ref: '#/$defs/localizedText' },
        help: { $ref: '#/$defs/localizedText' },
        outcomes: {
          type: 'array',
          maxItems: 50,
          items: {
            type: 'object',
            required: ['name', 'grammar'],
            properties: { name: outcomeName, grammar: { $ref: '#/$defs/grammar' } },
            additionalProperties: false,
          },
        },
        saveAs: name,
        noInput: { $ref: '#/$defs/reprompts' },
        noMatch: { $ref: '#/$defs/reprompts' },
        timeoutMs: { type: 'integer', minimum: 1000, maximum: 120000 },
        minConfidence: { type: 'number', minimum: 0, maximum: 1 },
        confirm: {
          type: 'object',
          required: ['prompt'],
          properties: { prompt: { $ref: '#/$defs/localizedText' } },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    decision: {
      type: 'object',
      required: ['branches'],
      properties: {
        branches: {
          type: 'array',
          maxItems: 50,
          items: {
            type: 'object',
            required: ['name', 'condition'],
            properties: { name: outcomeName, condition: expr },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
    set: {
      type: 'object',
      required: ['assignments'],
      properties: { assignments: { $ref: '#/$defs/assignments' } },
      additionalProperties: false,
    },
    request: {
      type: 'object',
      required: ['method', 'url', 'timeoutMs', 'retries', 'mapping'],
      properties: {
        method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
        url: { type: 'string', minLength: 1, maxLength: 4000 },
        body: expr,
        headers: {
          type: 'object',
          maxProperties: 50,
          additionalProperties: { type: 'string', maxLength: 4000 },
        },
        timeoutMs: { type: 'integer', minimum: 100, maximum: 120000 },
        retries: { type: 'integer', minimum: 0, maximum: 10 },
        mapping: { $ref: '#/$defs/assignments' },
      },
      additionalProperties: false,
    },
    subflow: {
      type: 'object',
      required: ['processKey', 'inputs', 'outputs'],
      properties: {
        processKey: { type: 'string', minLength: 1, maxLength: 100 },
        inputs: { type: 'object', maxProperties: 200, additionalProperties: expr },
        outputs: { type: 'object', maxProperties: 200, additionalProperties: name },
        version: { enum: ['draft', 'published'] },
      },
      additionalProperties: false,
    },
    end: {
      type: 'object',
      properties: {
        text: { $ref: '#/$defs/localizedText' },
        result: expr,
        outcome: outcomeName,
      },
      additionalProperties: false,
    },
  },
  node: {
    type: 'object',
    required: ['id', 'kind', 'position', 'data'],
    properties: {
      id,
      kind: { enum: ['start', 'say', 'ask', 'decision', 'set', 'request', 'subflow', 'end'] },
      position: { $ref: '#/$defs/position' },
      label: { type: 'string', maxLength: 200 },
      data: { type: 'object' },
    },
    additionalProperties: false,
    allOf: ['start', 'say', 'ask', 'decision', 'set', 'request', 'subflow', 'end'].map((kind) => ({
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
        key: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,99}$' },
        name: { type: 'string', minLength: 1, maxLength: 200 },
        description: { type: 'string', maxLength: 4000 },
        languages: { type: 'array', minItems: 1, maxItems: 2, uniqueItems: true, items: { $ref: '#/$defs/lang' } },
        variables: { type: 'array', maxItems: 500, items: { $ref: '#/$defs/variable' } },
        globalWords: { type: 'array', maxItems: 50, items: { $ref: '#/$defs/globalWord' } },
        // Names are checked by the linter (reference-table-name) for a clearer message.
        referenceTables: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 100 } },
        settings: {
          type: 'object',
          properties: {
            minConfidence: { type: 'number', minimum: 0, maximum: 1 },
            noInputTimeoutMs: { type: 'integer', minimum: 1000, maximum: 120000 },
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
