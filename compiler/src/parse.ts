import { Validator } from '@cfworker/json-schema';
import { depthProblem } from '@voiceman/runtime';
import { diag, type Diagnostic } from './diagnostics.js';
import type { FlowGraph } from './flow.js';
import { flowSchema } from './flow-schema.js';
import { PROCESS_KEY_RULE } from './process-key.js';
import { fieldInWords, problemInWords } from './schema-words.js';
import { validate as isFlow } from './generated/flow-validator.js';

/**
 * A flow whose only schema problems are inside some nodes or edges: `flow` is the rest (those
 * nodes and edges left out, so are edges into or out of a left-out node), which the linter
 * still checks so that one broken node does not hide every other finding.
 */
export interface PartialFlow {
  flow: FlowGraph;
  brokenNodes: ReadonlySet<string>;
  /** Edges left out because they touch a broken node (their source outcomes are not dead ends). */
  droppedEdges: readonly { source: string; outcome: string }[];
}

export type ParseResult =
  | { ok: true; flow: FlowGraph; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[]; partial?: PartialFlow };

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
  const pointers: string[] = [];
  for (const unit of result.errors) {
    if (SUMMARY_KEYWORDS.has(unit.keyword)) continue;
    const pointer = unit.instanceLocation.replace(/^#/, '') || '/';
    const key = `${pointer}\u0000${unit.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pointers.push(pointer);
    diagnostics.push(locate(value, pointer, unit.keyword, unit.error));
  }
  if (diagnostics.length === 0) {
    diagnostics.push(diag('flow-schema', 'The flow does not match the flow schema.', { field: '/' }));
  }
  if (diagnostics.length > MAX_SCHEMA_DIAGNOSTICS) {
    const rest = diagnostics.length - MAX_SCHEMA_DIAGNOSTICS;
    diagnostics.length = MAX_SCHEMA_DIAGNOSTICS;
    diagnostics.push(diag('flow-schema', `…and ${rest} more schema problems.`, { field: '/' }));
  }
  const partial = partialFlow(value as FlowGraph, pointers);
  return partial ? { ok: false, diagnostics, partial } : { ok: false, diagnostics };
}

/** The flow without the nodes and edges the findings are in, if that rest is schema-valid. */
function partialFlow(flow: FlowGraph, pointers: string[]): PartialFlow | undefined {
  if (!Array.isArray(flow.nodes) || !Array.isArray(flow.edges) || pointers.length === 0) return undefined;
  const badNodes = new Set<number>();
  const badEdges = new Set<number>();
  for (const pointer of pointers) {
    const match = /^\/(nodes|edges)\/(\d+)(\/|$)/.exec(pointer);
    if (!match) return undefined;
    (match[1] === 'nodes' ? badNodes : badEdges).add(Number(match[2]));
  }
  const brokenNodes = new Set<string>();
  for (const i of badNodes) {
    const id = (flow.nodes[i] as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string') return undefined;
    brokenNodes.add(id);
  }
  const droppedEdges: { source: string; outcome: string }[] = [];
  const edges = flow.edges.filter((e, i) => {
    if (badEdges.has(i)) return false;
    if (!brokenNodes.has(e.source) && !brokenNodes.has(e.target)) return true;
    droppedEdges.push({ source: e.source, outcome: e.outcome });
    return false;
  });
  const rest = { ...flow, nodes: flow.nodes.filter((_, i) => !badNodes.has(i)), edges };
  if (!acceptedByPrecompiled(rest)) return undefined;
  return { flow: rest, brokenNodes, droppedEdges };
}

/** Attaches a schema finding to the node or edge it is about, with the path inside it. */
function locate(flow: object, pointer: string, keyword: string, error: string): Diagnostic {
  const match = /^\/(nodes|edges)\/(\d+)(\/.*)?$/.exec(pointer);
  const problem = pointer === '/process/key' && keyword === 'pattern' ? `is not valid: ${PROCESS_KEY_RULE}` : problemInWords(keyword, error);
  if (!match) return diag('flow-schema', `${fieldInWords(pointer)}: ${problem}.`, { field: pointer });
  const where = match[3] ? fieldInWords(match[3]) : match[1] === 'nodes' ? 'The node' : 'The edge';
  const message = `${where}: ${problem}.`;
  const list = (flow as Record<string, unknown>)[match[1]!];
  const item = Array.isArray(list) ? (list[Number(match[2])] as { id?: unknown } | undefined) : undefined;
  const itemId = typeof item?.id === 'string' ? item.id : undefined;
  const field = match[3] ?? '/';
  if (!itemId) return diag('flow-schema', `${fieldInWords(pointer)}: ${problem}.`, { field: pointer });
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
