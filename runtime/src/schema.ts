/**
 * Structural validation against runtime/schema/machine.schema.json with @cfworker/json-schema:
 * it interprets the schema (no code generation), so it runs in QuickJS and CSP-locked WebViews.
 */
import { Validator, type OutputUnit } from '@cfworker/json-schema';
import machineSchema from '../schema/machine.schema.json';
import type { MachineIssue } from './prepare.js';

export { machineSchema };

let validator: Validator | undefined;

/** Keywords that only say "a nested schema failed": their nested errors say what. */
const WRAPPERS = new Set(['properties', 'additionalProperties', 'items', 'allOf', '$ref', 'then', 'if', 'prefixItems', 'propertyNames']);

function stateIdAt(json: unknown, pointer: string[]): string | undefined {
  let node: unknown = json;
  let id: string | undefined;
  for (let i = 0; i < pointer.length; i++) {
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<string, unknown>)[pointer[i]!];
    if (pointer[i - 1] === 'states') id = pointer[i];
  }
  return id;
}

function decode(instanceLocation: string): string[] {
  return instanceLocation
    .replace(/^#\/?/, '')
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function schemaIssues(json: unknown): MachineIssue[] {
  validator ??= new Validator(machineSchema as never, '2020-12', false);
  const result = validator.validate(json);
  if (result.valid) return [];
  const specific = result.errors.filter((e: OutputUnit) => !WRAPPERS.has(e.keyword));
  const errors = specific.length ? specific : result.errors;
  const seen = new Set<string>();
  const issues: MachineIssue[] = [];
  for (const e of errors) {
    const segments = decode(e.instanceLocation);
    const path = '/' + segments.join('/');
    const key = path + '|' + e.error;
    if (seen.has(key)) continue;
    seen.add(key);
    const last = segments[segments.length - 1];
    const message = e.error === 'False boolean schema.' ? `unknown property "${last}"` : e.error;
    const issue: MachineIssue = { path: path === '/' ? '' : path, message };
    const stateId = stateIdAt(json, segments);
    if (stateId !== undefined) issue.stateId = stateId;
    const field = segments[segments.length - 1];
    if (field !== undefined) issue.field = field;
    issues.push(issue);
  }
  return issues;
}
