/**
 * The settings in force at a site (its own values over its environment's) and what a deployed
 * process gets from them: its `input` variables as the dialog's input, the `runtime.*` values
 * as the runtime's settings, and the names of the inputs that are secret.
 */
import type { JsonValue, SiteSettings } from '@voiceman/runtime';
import { fits, RUNTIME_SETTINGS, SETTING_TYPES, type SettingDefinition, type SettingValue } from './definitions.js';

export interface EffectiveSetting extends SettingDefinition {
  value: SettingValue | null;
  /** Where the value comes from; null when the setting is defined but has no value here. */
  source: 'site' | 'environment' | null;
}

export interface StoredSetting extends SettingDefinition {
  value: SettingValue | null;
}

/** The environment's definitions (plus the built-ins) with the site's values over them. */
export function mergeSettings(environment: StoredSetting[], site: { name: string; value: SettingValue }[] = []): EffectiveSetting[] {
  const byName = new Map<string, EffectiveSetting>();
  for (const b of Object.values(RUNTIME_SETTINGS)) byName.set(b.name, { name: b.name, type: b.type, description: b.description, secret: false, value: null, source: null });
  for (const s of environment) byName.set(s.name, { ...s, source: s.value === null ? null : 'environment' });
  for (const s of site) {
    const def = byName.get(s.name);
    if (def) byName.set(s.name, { ...def, value: s.value, source: 'site' });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export interface ProcessInput {
  name: string;
  type: string;
  description?: string;
}

/**
 * The process's settable inputs: `input` variables of its flow (the version's graph) whose type
 * a setting can have. Every one is required: a deployed dialog never runs on the flow's default
 * (that default is for the CLI and tests). Inputs of list/map/dyn types keep the flow's default.
 */
export function processInputs(variables: unknown): ProcessInput[] {
  if (!Array.isArray(variables)) return [];
  const scalar: readonly string[] = SETTING_TYPES;
  return variables
    .filter((v): v is { name: string; type: string; input: true; description?: string } =>
      typeof v === 'object' && v !== null && (v as { input?: unknown }).input === true && typeof (v as { name?: unknown }).name === 'string' && scalar.includes((v as { type?: string }).type ?? ''))
    .map((v) => ({ name: v.name, type: v.type, ...(typeof v.description === 'string' ? { description: v.description } : {}) }));
}

export interface Delivered {
  input: Record<string, JsonValue>;
  settings: SiteSettings;
  secrets: string[];
}

/** What a process gets at a site, and what it lacks (messages naming each setting). */
export function deliver(effective: EffectiveSetting[], inputs: ProcessInput[]): { delivered: Delivered; missing: string[] } {
  const byName = new Map(effective.map((s) => [s.name, s]));
  const delivered: Delivered = { input: {}, settings: {}, secrets: [] };
  const missing: string[] = [];
  for (const input of inputs) {
    const s = byName.get(input.name);
    if (!s || s.value === null) missing.push(`${input.name} (${input.type})`);
    else if (!fits(s.type, input.type)) missing.push(`${input.name} (${input.type}; the setting is ${s.type})`);
    else {
      delivered.input[input.name] = s.value;
      if (s.secret) delivered.secrets.push(input.name);
    }
  }
  for (const b of Object.values(RUNTIME_SETTINGS)) {
    const value = byName.get(b.name)?.value;
    if (value !== null && value !== undefined) (delivered.settings as Record<string, SettingValue>)[b.key] = value;
  }
  return { delivered, missing };
}

/** The values of every secret setting in force (what the ingest redacts). */
export function secretValues(effective: EffectiveSetting[]): string[] {
  return effective.filter((s) => s.secret && typeof s.value === 'string' && s.value !== '').map((s) => s.value as string);
}
