import { Validator } from '@cfworker/json-schema';
import { depthProblem } from '@voiceman/runtime';
import { diag, type Diagnostic } from './diagnostics.js';
import type { FlowGraph } from './flow.js';
import { flowSchema } from './flow-schema.js';
import { validate as isFlow } from './generated/flow-validator.js';

export type ParseResult = { ok: true; flow: FlowGraph; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** JSON text longer than this is refused before parsing (a flow of 20,000 nodes is ~10 MB). */
export const MAX_FLOW_TEXT = 32 * 1024 * 1024;
/** Deepest nesting a flow may have (a node's data is about 8 levels down; values need a few more). */
export const MAX_FLOW_DEPTH = 64;
/** Schema findings beyond this many are summarised: one broken file should not flood a screen. */
const MAX_SCHEMA_DIAGNOSTICS = 50;
/** Keywords that only say "a sub-schema failed"; the sub-schema's own finding is reported instead. */
const SUMMARY_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', '$ref', 'properties', 'items', 'additionalProperties', 'prefixItems']);

// Two validators of one schema: the precompiled one (scripts/flow-validator.ts) answers "valid?"
// for the common case; only an invalid flow is walked again, by the interpreting validator, to
// collect every finding in words.
let thorough: Validator | undefined;

/**
 * Checks that `input` (a flow object, or its JSON text) is a flow graph of a supported format
 * version. Never throws: anything wrong is a diagnostic.
 */
export function parseFlow(input: unknown): ParseResult {
  let value = input;
  if (typeof input === 'string') {
    if (input.length > MAX_FLOW_TEXT) {
      return fail(diag('flow-too-large', `The flow is ${input.length} characters long; the limit is ${MAX_FLOW_TEXT}.`));
    }
    try {
      value = JSON.parse(input);
    } catch (error) {
      return fail(diag('flow-not-json', `The flow is not valid JSON: ${(error as Error).message}`));
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(diag('flow-schema', `A flow must be a JSON object, not ${describe(value)}.`, { field: '/' }));
  }
  // The precompiled validator walks no deeper than the schema, so it is safe on any value. In a
  // flow it accepts only variable defaults (any JSON) can nest deeper: only they are measured.
  if (acceptedByPrecompiled(value)) {
    const deep = depthProblem({ process: { variables: (value as FlowGraph).process.variables } }, MAX_FLOW_DEPTH);
    if (deep) return fail(tooDeep(deep.path));
    return { ok: true, flow: value as FlowGraph, diagnostics: [] };
  }
  // Before the interpreting validator, which recurses: a value nested thousands of levels deep
  // would overflow its stack.
  const deep = depthProblem(value, MAX_FLOW_DEPTH);
  if (deep) return fail(tooDeep(deep.path));
  const version = (value as { formatVersion?: unknown }).formatVersion;
  if (version !== 1) {
    return fail(
      diag('flow-version', `formatVersion must be 1 (this compiler's flow format); found ${describe(version)}.`, {
        field: '/formatVersion',
      }),
    );
  }
  let result;
  try {
    result = (thorough ??= new Validator(flowSchema as never, '2020-12', false)).validate(value);
  } catch (error) {
    // A value the validator cannot walk (e.g. a cyclic object handed in through the API).
    return fail(diag('flow-schema', `The flow cannot be checked: ${(error as Error).message}`, { field: '/' }));
  }
  if (result.valid) return { ok: true, flow: value as FlowGraph, diagnostics: [] };
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const unit of result.errors) {
    if (SUMMARY_KEYWORDS.has(unit.keyword)) continue;
    const pointer = unit.instanceLocation.replace(/^#/, '') || '/';
    const key = `${pointer}\u0000${unit.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(locate(value, pointer, unit.error));
  }
  if (diagnostics.length === 0) {
    diagnostics.push(diag('flow-schema', 'The flow does not match the flow schema.', { field: '/' }));
  }
  if (diagnostics.length > MAX_SCHEMA_DIAGNOSTICS) {
    const rest = diagnostics.length - MAX_SCHEMA_DIAGNOSTICS;
    diagnostics.length = MAX_SCHEMA_DIAGNOSTICS;
    diagnostics.push(diag('flow-schema', `…and ${rest} more schema problems.`, { field: '/' }));
  }
  return { ok: false, diagnostics };
}

/** Attaches a schema finding to the node or edge it is about, with the path inside it. */
function locate(flow: object, pointer: string, error: string): Diagnostic {
  const match = /^\/(nodes|edges)\/(\d+)(\/.*)?$/.exec(pointer);
  const message = `${pointer}: ${error}`;
  if (!match) return diag('flow-schema', message, { field: pointer });
  const list = (flow as Record<string, unknown>)[match[1]!];
  const item = Array.isArray(list) ? (list[Number(match[2])] as { id?: unknown } | undefined) : undefined;
  const itemId = typeof item?.id === 'string' ? item.id : undefined;
  const field = match[3] ?? '/';
  if (!itemId) return diag('flow-schema', message, { field: pointer });
  return match[1] === 'nodes'
    ? diag('flow-schema', message, { nodeId: itemId, field })
    : diag('flow-schema', message, { edgeId: itemId, field });
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value === 'object' ? 'an object' : typeof value} ${typeof value === 'object' ? '' : String(value)}`.trim();
}

/** A value the validator cannot read (a throwing getter) is left to the interpreting one to word. */
function acceptedByPrecompiled(value: unknown): boolean {
  try {
    return isFlow(value);
  } catch {
    return false;
  }
}

const tooDeep = (path: string) => diag('flow-too-large', `The flow nests deeper than ${MAX_FLOW_DEPTH} levels (at ${path}).`, { field: path });

function fail(...diagnostics: Diagnostic[]): ParseResult {
  return { ok: false, diagnostics };
}
