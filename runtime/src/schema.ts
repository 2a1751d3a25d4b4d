/**
 * Structural validation against runtime/schema/machine.schema.json. The schema is compiled to
 * plain code at build time (Ajv standalone, src/generated/): nothing is generated at run time,
 * so it runs under a strict CSP and in QuickJS, and a 500-state machine validates in a few ms.
 */
import { validate, type AjvError } from './generated/machine-validator.js';
import type { MachineIssue } from './prepare.js';

/** Keywords that only say "a nested schema failed" or "no branch fitted": the others say what. */
const WRAPPERS = new Set(['if', 'then', 'else', 'oneOf', 'anyOf', 'allOf', '$ref']);

function decode(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function stateIdAt(segments: string[]): string | undefined {
  let id: string | undefined;
  for (let i = 1; i < segments.length; i++) if (segments[i - 1] === 'states' && (i === 1 || segments[i - 2] !== 'meta')) id = segments[i];
  return id;
}

function describe(e: AjvError): { extra?: string; message: string } {
  const p = e.params;
  switch (e.keyword) {
    case 'additionalProperties':
      return { extra: String(p.additionalProperty), message: `unknown property "${String(p.additionalProperty)}"` };
    case 'required':
      return { message: `missing required property "${String(p.missingProperty)}"` };
    case 'enum':
      return { message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'propertyNames':
      return { extra: String(p.propertyName), message: `invalid property name "${String(p.propertyName)}"` };
    case 'type':
      return { message: `must be ${String(p.type)}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { message: `must be ${String(p.comparison)} ${String(p.limit)}` };
    case 'pattern':
      return { message: `must match pattern "${String(p.pattern)}"` };
    case 'minLength':
      return { message: `must not be shorter than ${String(p.limit)} characters` };
    case 'minItems':
    case 'minProperties':
      return { message: `must have at least ${String(p.limit)} ${e.keyword === 'minItems' ? 'items' : 'properties'}` };
    case 'maxItems':
      return { message: `must have at most ${String(p.limit)} items` };
    case 'uniqueItems':
      return { message: `must not repeat items (${String(p.j)} and ${String(p.i)} are equal)` };
    case 'false schema':
      return { message: 'is not allowed here' };
    default:
      return { message: e.message ?? `fails "${e.keyword}" ${JSON.stringify(p)}` };
  }
}

export function schemaIssues(json: unknown): MachineIssue[] {
  if (validate(json)) return [];
  // The inner error of a `propertyNames` check (it carries `propertyName`) is worded by the
  // `propertyNames` error itself.
  const errors = (validate.errors ?? []).filter((e) => !WRAPPERS.has(e.keyword) && e.propertyName === undefined);
  // A type error on a value that also has a deeper error is the other branch of a oneOf
  // ("object or array"): the deeper error is the useful one.
  const useful = errors.filter((e) => !(e.keyword === 'type' && errors.some((o) => o !== e && o.instancePath.startsWith(e.instancePath + '/'))));
  const seen = new Set<string>();
  const issues: MachineIssue[] = [];
  for (const e of useful.length ? useful : (validate.errors ?? [])) {
    const described = describe(e);
    const { extra } = described;
    let { message } = described;
    const segments = decode(e.instancePath);
    if (e.keyword === 'propertyNames' && segments[segments.length - 1] === 'states') {
      message = `invalid state key ${JSON.stringify(String(e.params.propertyName))}: a state key (= its id) has no ".", "#" or whitespace and is not empty`;
    }
    if (extra !== undefined) segments.push(extra);
    const path = segments.length ? '/' + segments.join('/') : '';
    const key = `${path}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const issue: MachineIssue = { path, message };
    const stateId = stateIdAt(segments);
    if (stateId !== undefined) issue.stateId = stateId;
    const field = segments[segments.length - 1];
    if (field !== undefined) issue.field = field;
    issues.push(issue);
  }
  return issues;
}
