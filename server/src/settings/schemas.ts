/**
 * The settings routes' JSON Schemas (plain data: the routes validate and serialize with them,
 * /docs shows them, api-types.ts derives the designer's types from them).
 */
import { MAX_DESCRIPTION, MAX_STRING_VALUE, SETTING_NAME, SETTING_TYPES } from './definitions.js';

export const environment = { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,63}$' } as const;
export const settingName = { type: 'string', pattern: SETTING_NAME } as const;
/**
 * No `type`: the handler checks a value against the setting's own type, for a message naming
 * both (and so that no coercion turns `"5"` into 5 or `["x"]` into "x").
 */
export const value = { description: `string (at most ${MAX_STRING_VALUE} characters), int, double or bool, as the setting's type` } as const;
/** A value as browsers see it: the value (null: none), or `{ secret: true, set }` for a secret. */
export const shownValue = {
  anyOf: [
    { type: ['string', 'number', 'boolean', 'null'] },
    { type: 'object', required: ['secret', 'set'], properties: { secret: { const: true }, set: { type: 'boolean' } }, additionalProperties: false },
  ],
} as const;
export const settingType = { type: 'string', enum: SETTING_TYPES } as const;
/** The runtime's `SiteSettings` (`DialogOptions.settings`), from the site's runtime.* settings. */
const runtimeSettings = {
  type: 'object', description: "The runtime's DialogOptions.settings from the site's runtime.* settings.",
  properties: { confidenceThreshold: { type: 'number' }, silenceTimeoutFactor: { type: 'number' }, language: { type: 'string', enum: ['en', 'ru'] } },
  additionalProperties: false,
} as const;

/** `GET /api/environments/:environment/settings` items. */
export const setting = {
  type: 'object',
  required: ['name', 'type', 'description', 'secret', 'value', 'updatedAt', 'updatedBy'],
  properties: {
    name: { type: 'string' }, type: settingType, description: { type: 'string' }, secret: { type: 'boolean' },
    value: shownValue, updatedAt: { type: 'string' }, updatedBy: { type: 'string' },
  },
  additionalProperties: false,
} as const;

/** A site's own value; `type` is absent for a value whose definition is gone from the environment. */
export const siteValue = {
  type: 'object',
  required: ['name', 'secret', 'value', 'updatedAt', 'updatedBy'],
  properties: { name: { type: 'string' }, type: settingType, secret: { type: 'boolean' }, value: shownValue, updatedAt: { type: 'string' }, updatedBy: { type: 'string' } },
  additionalProperties: false,
} as const;

export const siteSettings = {
  type: 'object',
  required: ['siteId', 'environment', 'values'],
  properties: { siteId: { type: 'string' }, environment: { type: 'string' }, values: { type: 'array', items: siteValue } },
  additionalProperties: false,
} as const;

export const revision = {
  type: 'object',
  required: ['id', 'environment', 'siteId', 'name', 'action', 'type', 'description', 'secret', 'value', 'changedBy', 'changedAt'],
  properties: {
    id: { type: 'integer' }, environment: { type: 'string' }, siteId: { type: ['string', 'null'] }, name: { type: 'string' },
    action: { type: 'string', enum: ['set', 'delete'] }, type: settingType, description: { type: 'string' }, secret: { type: 'boolean' },
    value: shownValue, changedBy: { type: 'string' }, changedAt: { type: 'string' },
  },
  additionalProperties: false,
} as const;

export const effective = {
  type: 'object',
  required: ['siteId', 'environment', 'settings'],
  properties: {
    siteId: { type: ['string', 'null'] }, environment: { type: 'string' },
    settings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'type', 'description', 'secret', 'value', 'source'],
        properties: { name: { type: 'string' }, type: settingType, description: { type: 'string' }, secret: { type: 'boolean' }, value: shownValue, source: { type: ['string', 'null'] } },
        additionalProperties: false,
      },
    },
    process: {
      type: 'object',
      required: ['processKey', 'version', 'inputs', 'runtime', 'missing'],
      properties: {
        processKey: { type: 'string' }, version: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
        inputs: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'type', 'secret', 'value', 'source', 'missing'],
            properties: { name: { type: 'string' }, type: { type: 'string' }, description: { type: 'string' }, secret: { type: 'boolean' }, value: shownValue, source: { type: ['string', 'null'] }, missing: { type: 'boolean' } },
            additionalProperties: false,
          },
        },
        runtime: runtimeSettings,
        missing: { type: 'array', items: { type: 'string' } },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;

/** `PUT /api/environments/:environment/settings/:name`. */
export const environmentPutBody = {
  type: 'object', additionalProperties: false,
  properties: { type: settingType, description: { type: 'string', maxLength: MAX_DESCRIPTION }, secret: { type: 'boolean' }, value },
} as const;

/** What each process entry of `GET /api/terminal/v1/machines` carries besides its machine. */
export const deliveredSettings = {
  input: {
    type: 'object', description: "The dialog's input: the process's input variables from the site's settings (secrets included).",
    additionalProperties: { type: ['string', 'number', 'boolean'] },
  },
  settings: runtimeSettings,
  secrets: { type: 'array', items: { type: 'string' }, description: "DialogOptions.secrets: names of the inputs that are secret." },
} as const;
