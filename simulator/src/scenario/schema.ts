/**
 * JSON Schema (draft 2020-12) of the scenario format, formatVersion 1. This literal is the
 * source; simulator/scenario.schema.json is written from it (`npm run schema -w simulator`) and
 * a test keeps the two equal. docs/scenario-format.md explains every field.
 */
const json = {}; // any JSON value

const promptMatcher = {
  oneOf: [
    { type: 'string', description: 'the exact text' },
    { type: 'object', required: ['contains'], properties: { contains: { type: 'string', minLength: 1 } }, additionalProperties: false },
    { type: 'object', required: ['matches'], properties: { matches: { type: 'string', minLength: 1, maxLength: 1000 } }, additionalProperties: false },
  ],
};

const expectation = {
  type: 'object',
  properties: {
    prompts: { type: 'array', items: { $ref: '#/$defs/promptMatcher' }, maxItems: 200 },
    state: { type: 'string', minLength: 1 },
    variables: {
      type: 'object',
      description: 'scope → variable → value (deep equality); only the named ones are checked',
      additionalProperties: { type: 'object', additionalProperties: json },
    },
  },
  additionalProperties: false,
};

const input = {
  oneOf: [
    {
      type: 'object', required: ['say'],
      properties: { say: { type: 'string', minLength: 1, maxLength: 500 }, confidence: { type: 'number', minimum: 0, maximum: 1 }, expect: { $ref: '#/$defs/expectation' }, note: { type: 'string' } },
      additionalProperties: false,
    },
    {
      type: 'object', required: ['silence'],
      properties: { silence: { const: true }, expect: { $ref: '#/$defs/expectation' }, note: { type: 'string' } },
      additionalProperties: false,
    },
    {
      type: 'object', required: ['unclear'],
      properties: { unclear: { const: true }, expect: { $ref: '#/$defs/expectation' }, note: { type: 'string' } },
      additionalProperties: false,
    },
  ],
};

const stubAnswer = {
  oneOf: [
    {
      type: 'object', required: ['status'],
      properties: {
        status: { type: 'integer', minimum: 100, maximum: 599 }, body: json,
        headers: { type: 'object', additionalProperties: { type: 'string' } },
        delayMs: { type: 'integer', minimum: 0, maximum: 600_000 },
      },
      additionalProperties: false,
    },
    { type: 'object', required: ['timeout'], properties: { timeout: { const: true } }, additionalProperties: false },
    { type: 'object', required: ['networkError'], properties: { networkError: { type: 'string', minLength: 1 } }, additionalProperties: false },
  ],
};

export const scenarioSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://voiceman.dev/schema/scenario-1.json',
  title: 'Voiceman scenario',
  type: 'object',
  required: ['formatVersion', 'name', 'process', 'steps'],
  properties: {
    $schema: { type: 'string' },
    formatVersion: { const: 1 },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 2000 },
    process: { type: 'string', minLength: 1, description: 'process key of the flow under test' },
    language: { type: 'string', minLength: 2, maxLength: 10 },
    input: { type: 'object', additionalProperties: json, description: "values of the process's input variables" },
    stubs: { type: 'object', additionalProperties: { type: 'array', minItems: 1, maxItems: 1000, items: { $ref: '#/$defs/stubAnswer' } } },
    start: { $ref: '#/$defs/expectation', description: 'checked before the first input (step 0)' },
    steps: { type: 'array', maxItems: 10_000, items: { $ref: '#/$defs/input' } },
    end: {
      type: 'object',
      properties: {
        status: { enum: ['done', 'error', 'switched', 'stopped'] },
        state: { type: 'string', minLength: 1 },
        result: json,
        outcome: { type: 'string', minLength: 1, maxLength: 64, description: "the end node's outcome the dialog result names" },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
  $defs: { promptMatcher, expectation, input, stubAnswer },
} as const;
