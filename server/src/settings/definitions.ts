/**
 * What a setting is: a name, a type like a flow variable's scalar types, a description, maybe
 * secret. User settings are defined per environment; the `runtime.*` settings are built in and
 * become the runtime's `DialogOptions.settings`.
 */
import { SILENCE_FACTOR_RANGE, type SiteSettings } from '@voiceman/runtime';

export const SETTING_TYPES = ['string', 'int', 'double', 'bool'] as const;
export type SettingType = (typeof SETTING_TYPES)[number];
export type SettingValue = string | number | boolean;

export interface SettingDefinition {
  name: string;
  type: SettingType;
  description: string;
  secret: boolean;
}

/** Longest string value: a URL, a key, a header; never a document. */
export const MAX_STRING_VALUE = 4096;
export const MAX_DESCRIPTION = 1000;
/** A variable name (as the flow format allows), or a built-in `runtime.*` name. */
export const SETTING_NAME = '^(runtime\\.)?[A-Za-z_][A-Za-z0-9_]{0,63}$';
export const RUNTIME_PREFIX = 'runtime.';

interface Builtin extends SettingDefinition {
  key: keyof SiteSettings;
  check(value: SettingValue): string | null;
}

/** The built-in runtime settings, by setting name. */
export const RUNTIME_SETTINGS: Record<string, Builtin> = {
  'runtime.confidenceThreshold': {
    name: 'runtime.confidenceThreshold', key: 'confidenceThreshold', type: 'double', secret: false,
    description: "Hypotheses below this confidence are no match (replaces the process's default; asks with their own keep it).",
    check: (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? null : 'must be from 0 to 1'),
  },
  'runtime.silenceTimeoutFactor': {
    name: 'runtime.silenceTimeoutFactor', key: 'silenceTimeoutFactor', type: 'double', secret: false,
    description: 'Multiplies every silence timeout (noisy sites: above 1).',
    check: (v) => (typeof v === 'number' && v >= SILENCE_FACTOR_RANGE.min && v <= SILENCE_FACTOR_RANGE.max ? null : `must be from ${SILENCE_FACTOR_RANGE.min} to ${SILENCE_FACTOR_RANGE.max}`),
  },
  'runtime.language': {
    name: 'runtime.language', key: 'language', type: 'string', secret: false,
    description: 'Language of dialogs at the site when the process declares it (en, ru).',
    check: (v) => (v === 'en' || v === 'ru' ? null : 'must be "en" or "ru"'),
  },
};

export const isRuntimeName = (name: string) => name.startsWith(RUNTIME_PREFIX);

/** Why `value` is not a value of `def`, or null. Messages name the setting and the type. */
export function valueProblem(def: SettingDefinition, value: unknown): string | null {
  const typed =
    (def.type === 'string' && typeof value === 'string') ||
    (def.type === 'int' && typeof value === 'number' && Number.isSafeInteger(value)) ||
    (def.type === 'double' && typeof value === 'number' && Number.isFinite(value)) ||
    (def.type === 'bool' && typeof value === 'boolean');
  if (!typed) return `${def.name} is ${def.type === 'int' ? 'an int' : `a ${def.type}`}; ${JSON.stringify(value)} is not`;
  if (typeof value === 'string') {
    if (value.length > MAX_STRING_VALUE) return `${def.name} is longer than ${MAX_STRING_VALUE} characters`;
    const text = textProblem(value);
    if (text) return `${def.name} ${text}`;
  }
  const builtin = RUNTIME_SETTINGS[def.name];
  const range = builtin?.check(value as SettingValue);
  return range ? `${def.name} ${range}` : null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** NUL cannot be stored by PostgreSQL; a lone surrogate would be silently replaced on the way. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(s)) return 'must not contain lone surrogates (invalid UTF-16)';
  return null;
}

/** A flow variable's type can be set by a setting of this type (an int setting fits a double). */
export function fits(setting: SettingType, variable: string): boolean {
  return setting === variable || (setting === 'int' && variable === 'double');
}
