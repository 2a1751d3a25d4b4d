import type { StateJson, TransitionJson } from '@voiceman/runtime';
import { canonicalForm } from '../canonical.js';
import { hasErrors } from '../diagnostics.js';
import type { FlowGraph, FlowNode } from '../flow.js';
import { LANGUAGE_NAMES } from '../lint/context.js';
import { lintCallerWordsInCallee } from '../lint/vocabulary.js';
import { DEFAULT_END_OUTCOME } from './end.js';
import type { CalleeVersion, NodeKindDefinition, NodeOfKind, ResolveProcess } from './types.js';
import { name, expr, type JsonSchema, type FromDataSchema } from '../schema-parts.js';

/** The callee flow a subflow node runs (`published` unless it says `draft`). */
export const versionOf = (node: NodeOfKind<'subflow'>): CalleeVersion => node.data.version ?? 'published';

const dataSchema = {
  type: 'object',
  required: ['processKey', 'inputs', 'outputs'],
  properties: {
    processKey: { type: 'string', minLength: 1, maxLength: 100 },
    inputs: { type: 'object', maxProperties: 200, additionalProperties: expr },
    outputs: { type: 'object', maxProperties: 200, additionalProperties: name },
    version: { enum: ['draft', 'published'] },
  },
  additionalProperties: false,
} as const satisfies JsonSchema;

/**
 * `data` of a subflow node (from its schema): `inputs` maps callee input variable → CEL in the
 * caller's scope, `outputs` caller variable → callee output variable; `version` says which flow of
 * the callee runs (its latest published version by default, or its draft).
 */
export type SubflowData = FromDataSchema<typeof dataSchema>;

/**
 * Calls another process inline: a compound state whose children are the callee's states, in
 * a variable scope of its own. Inputs are copied in on entry (the scope reset to its defaults
 * first); outputs are copied back on the way out through one of the callee's end outcomes.
 */
export const subflow: NodeKindDefinition<'subflow', SubflowData> = {
  kind: 'subflow',
  label: 'Subflow',
  description: "Runs another process in place, with inputs and outputs; leaves through the callee's end outcomes.",
  dataSchema,
  outcomes: (node, resolveProcess) => {
    const callee = resolveProcess?.(node.data.processKey, versionOf(node));
    return callee ? endOutcomes(callee) : [DEFAULT_END_OUTCOME];
  },
  defaultData: () => ({ processKey: '', inputs: {}, outputs: {} }),
  asksOperator: (node, resolveProcess) => {
    if (!resolveProcess) return true;
    return calleeAsks(node.data.processKey, versionOf(node), resolveProcess, new Set());
  },
  lint: (node, ctx) => {
    const where = (field: string) => ({ nodeId: node.id, field });
    const key = node.data.processKey;
    const version = versionOf(node);
    const callee = key === '' ? undefined : ctx.resolveProcess?.(key, version);
    if (!callee) {
      const broken = key === '' ? undefined : ctx.lintCallee(key, version);
      if (broken) ctx.report('subflow-invalid-callee', `Process "${key}" is not a valid flow: ${broken[0]?.message ?? ''}`, where('/processKey'));
      else ctx.report('subflow-unknown-process', key === '' ? 'Choose the process this subflow calls.' : `No process "${key}" to call.`, where('/processKey'));
      return;
    }
    const cycle = findCallCycle(key, version, ctx.callStack, ctx.resolveProcess!);
    if (cycle) {
      ctx.report('subflow-recursion', `Calling "${key}" here recurses: ${cycle.join(' → ')}. A process cannot call itself.`, where('/processKey'));
      return;
    }
    const calleeDiagnostics = ctx.lintCallee(key, version);
    if (calleeDiagnostics && hasErrors(calleeDiagnostics)) {
      const count = calleeDiagnostics.filter((d) => d.severity === 'error').length;
      ctx.report('subflow-invalid-callee', `Process "${key}" has ${count} error(s) of its own; fix it first.`, where('/processKey'));
    }
    // The callee's texts and phrases are checked in its own languages; the caller's terminals
    // speak the caller's, so every one of them must be among the callee's (the runtime refuses
    // a machine with a text missing in a declared language).
    const missing = ctx.languages.filter((lang) => !callee.process.languages.includes(lang));
    if (missing.length > 0) {
      const names = missing.map((lang) => LANGUAGE_NAMES[lang]).join(' and ');
      ctx.report('subflow-language', `Process "${key}" is not declared in ${names}, which this process speaks: add ${missing.length > 1 ? 'those languages' : 'that language'} (and its texts) to "${key}".`, where('/processKey'));
    }
    lintCallerWordsInCallee(callee, ctx, where('/processKey'), ctx.resolveProcess!);
    const calleeVars = new Map(callee.process.variables.map((v) => [v.name, v]));
    for (const [name, expr] of Object.entries(node.data.inputs)) {
      if (!calleeVars.get(name)?.input) {
        ctx.report('subflow-unknown-input', `"${name}" is not an input variable of process "${key}".`, where(`/inputs/${name}`));
      }
      const input = calleeVars.get(name);
      ctx.expression(expr, where(`/inputs/${name}`), {}, input && { type: input.type, code: 'cel-type-mismatch', target: `Input "${name}" of "${key}"` });
    }
    for (const [callerVar, calleeVar] of Object.entries(node.data.outputs)) {
      ctx.variable(callerVar, where(`/outputs/${callerVar}`), 'Output target');
      if (!calleeVars.get(calleeVar)?.output) {
        ctx.report('subflow-unknown-output', `"${calleeVar}" is not an output variable of process "${key}".`, where(`/outputs/${callerVar}`));
      }
    }
  },
  compile: (node, ctx) => {
    const callee = ctx.resolveProcess!(node.data.processKey, versionOf(node))!;
    const id = ctx.stateId(node.id);
    const scope = id;
    // Keys in canonical (sorted) order: the machine is hashed without sorted copies.
    const outputs = Object.entries(node.data.outputs).map(([variable, expr]) => ({ expr, variable }));
    const exit = (outcome: string): TransitionJson => {
      const target = ctx.target(node, outcome)!;
      if (outputs.length === 0) return { target };
      // The transition sits on a callee state, so the caller's scope is always written out.
      const params = { assignments: outputs, from: scope, scope: ctx.scope };
      return { actions: [{ params, type: 'vm.assign' }], target };
    };
    const { initial, states } = ctx.inline(callee, scope, exit);
    const inputs = Object.entries(node.data.inputs).map(([variable, expr]) => ({ expr, variable }));
    const entry: StateJson['entry'] = [{ params: { assignments: inputs, from: ctx.scope, reset: true, scope }, type: 'vm.assign' }];
    // The callee's process-wide words work while the call runs: named after the call (names
    // stay unique however often the process is called), handled by this compound state only,
    // so outside the call the runtime does not accept them.
    if (callee.process.globalWords.length === 0) return { entry, id, initial, meta: ctx.meta(node), states };
    const on: NonNullable<StateJson['on']> = {};
    for (const word of callee.process.globalWords) {
      const name = ctx.addGlobalWord({ name: word.name, phrases: word.phrases }, scope);
      on[`GLOBAL.${name}`] = { target: `#${scope}/${word.target}` };
    }
    return { entry, id, initial, meta: ctx.meta(node), on: canonicalForm(on), states };
  },
};

/** Distinct end outcomes of a process, in node order (`done` when it names none). */
export function endOutcomes(flow: FlowGraph): string[] {
  const names = new Set<string>();
  for (const node of flow.nodes) if (node.kind === 'end') names.add(node.data.outcome ?? DEFAULT_END_OUTCOME);
  return names.size > 0 ? [...names] : [DEFAULT_END_OUTCOME];
}

/**
 * Whether every run of the callee waits for the operator: with its asks (and calls into
 * processes that always ask) removed, no end node is reachable from its start. A callee with
 * an ask on only one branch may return without asking, so a loop through it can spin.
 */
function calleeAsks(key: string, version: CalleeVersion, resolve: ResolveProcess, inProgress: Set<string>): boolean {
  // Recursion is reported as subflow-recursion; an unknown callee as subflow-unknown-process.
  // Counting both as asking keeps a loop finding from piling on top.
  if (inProgress.has(key)) return true;
  const flow = resolve(key, version);
  if (!flow) return true;
  inProgress.add(key);
  try {
    const nodes = new Map(flow.nodes.map((n) => [n.id, n]));
    const successors = new Map<string, string[]>();
    for (const edge of flow.edges) {
      const list = successors.get(edge.source);
      if (list) list.push(edge.target);
      else successors.set(edge.source, [edge.target]);
    }
    const waits = (node: FlowNode) => node.kind === 'ask' || (node.kind === 'subflow' && calleeAsks(node.data.processKey, versionOf(node), resolve, inProgress));
    const start = flow.nodes.find((n) => n.kind === 'start');
    if (!start) return true;
    const seen = new Set([start.id]);
    const queue = [start.id];
    for (let i = 0; i < queue.length; i++) {
      for (const target of successors.get(queue[i]!) ?? []) {
        const node = nodes.get(target);
        if (!node || seen.has(target)) continue;
        seen.add(target);
        if (node.kind === 'end') return false;
        if (!waits(node)) queue.push(target);
      }
    }
    return true;
  } finally {
    inProgress.delete(key);
  }
}

/** The call chain from the current process into `key` and back to a process already on the stack. */
export function findCallCycle(key: string, version: CalleeVersion, stack: readonly string[], resolve: ResolveProcess): string[] | undefined {
  const onStack = new Set(stack);
  const visited = new Set<string>();
  const walk = (current: string, currentVersion: CalleeVersion, path: string[]): string[] | undefined => {
    if (onStack.has(current)) return [...path, current];
    if (visited.has(current)) return undefined;
    visited.add(current);
    const flow = resolve(current, currentVersion);
    if (!flow) return undefined;
    for (const node of flow.nodes) {
      if (node.kind !== 'subflow') continue;
      const found = walk(node.data.processKey, versionOf(node), [...path, current]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(key, version, [...stack]);
}
