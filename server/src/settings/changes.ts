/**
 * What a settings write means, checked before anything is stored: the definition and value an
 * environment PUT or a site PUT leads to, or a 400 that names the problem.
 */
import { HttpError } from '../errors.js';
import { isRuntimeName, MAX_DESCRIPTION, RUNTIME_SETTINGS, textProblem, valueProblem, type SettingDefinition, type SettingValue } from './definitions.js';
import type { StoredSetting } from './effective.js';
import type { FromSchema } from 'json-schema-to-ts';
import type { environmentPutBody } from './schemas.js';

/** The body of `PUT /api/environments/:environment/settings/:name`; `value` absent keeps the stored one (a secret's stays hidden), null: no environment-wide value. */
export type EnvironmentPut = FromSchema<typeof environmentPutBody>;

const bad = (code: string, message: string) => new HttpError(400, code, message);

function unknownRuntime(name: string): HttpError {
  return bad('unknown_setting', `${name} is not a runtime setting; the runtime settings are ${Object.keys(RUNTIME_SETTINGS).join(', ')}`);
}

/** The definition and value an environment PUT stores. */
export function environmentChange(name: string, body: EnvironmentPut, existing: StoredSetting | undefined): { def: SettingDefinition; value: SettingValue | null } {
  let def: SettingDefinition;
  if (isRuntimeName(name)) {
    const builtin = RUNTIME_SETTINGS[name];
    if (!builtin) throw unknownRuntime(name);
    if (body.type !== undefined && body.type !== builtin.type) throw bad('invalid_setting', `${name} is a ${builtin.type}; its type cannot change`);
    if (body.secret) throw bad('invalid_setting', `${name} cannot be secret`);
    def = { name, type: builtin.type, description: builtin.description, secret: false };
  } else {
    const type = body.type ?? existing?.type;
    if (!type) throw bad('invalid_setting', `a new setting needs a type (string, int, double, bool)`);
    const description = body.description ?? existing?.description ?? '';
    if (description.length > MAX_DESCRIPTION) throw bad('invalid_setting', `the description is longer than ${MAX_DESCRIPTION} characters`);
    const text = textProblem(description);
    if (text) throw bad('invalid_setting', `the description ${text}`);
    def = { name, type, description, secret: body.secret ?? existing?.secret ?? false };
    // Redaction finds secrets by their text: a number or a flag would hide every equal number.
    if (def.secret && def.type !== 'string') throw bad('invalid_setting', `${name}: only string settings can be secret`);
  }
  let value: SettingValue | null;
  if (body.value !== undefined) value = body.value as SettingValue | null;
  else {
    value = existing?.value ?? null;
    if (value !== null && existing && existing.type !== def.type) throw bad('invalid_value', `${name} changes type from ${existing.type} to ${def.type}: give a value of the new type (or null)`);
    // Unsetting "secret" would show the hidden value: only with a new one.
    if (value !== null && existing?.secret && !def.secret) throw bad('invalid_value', `${name} stops being secret: give a new value (the secret one is never shown)`);
  }
  if (value !== null) {
    const problem = valueProblem(def, value);
    if (problem) throw bad('invalid_value', problem);
  }
  return { def, value };
}

/** The definition a site value of `name` follows: a runtime setting or the environment's own. */
export function siteDefinition(name: string, environment: string, defined: SettingDefinition | undefined): SettingDefinition {
  if (isRuntimeName(name)) {
    const builtin = RUNTIME_SETTINGS[name];
    if (!builtin) throw unknownRuntime(name);
    return { name, type: builtin.type, description: builtin.description, secret: false };
  }
  if (!defined) {
    throw bad('unknown_setting', `${name} is not a setting of environment ${environment}; define it there first (PUT /api/environments/${environment}/settings/${name})`);
  }
  return defined;
}

export function checkSiteValue(def: SettingDefinition, value: unknown): SettingValue {
  const problem = valueProblem(def, value);
  if (problem) throw bad('invalid_value', problem);
  return value as SettingValue;
}

/** What a browser sees of a value: a secret only as set or not. */
export function presentValue(s: { secret: boolean; value: SettingValue | null }): SettingValue | null | { secret: true; set: boolean } {
  return s.secret ? { secret: true, set: s.value !== null } : s.value;
}
