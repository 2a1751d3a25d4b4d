import { validateMachine, type GlobalWord, type MachineIssue, type MachineMeta, type MachineJson, type ScopeDecl, type StateJson, type TransitionJson, type VariableDecl } from '@voiceman/runtime';
import { canonicalForm, canonicalJson, sha256Hex } from './canonical.js';
import type { CompileContext } from './compile-context.js';
import { diag, hasErrors, type Diagnostic } from './diagnostics.js';
import type { FlowGraph, FlowNode } from './flow.js';
import { kindOf } from './kinds/index.js';
import type { NodeOfKind, ResolveProcess } from './kinds/types.js';
import { lintParsed, lintPartial } from './lint/index.js';
import type { GraphIndex } from './lint/graph.js';
import { parseFlow } from './parse.js';
import { allInPlaceWords, branchOf, inPlaceWordsOf } from './in-place-words.js';
import { machineFormatVersion } from './format-version.js';
import { referenceSnapshot, referenceTablesOf, tablesWithoutData, type ReferenceData } from './reference.js';

export interface CompileOptions {
  resolveProcess?: ResolveProcess;
  /**
   * Current reference tables (the server passes them at publish): the ones the process and its
   * callees list are embedded into `meta.vm.reference`, and a listed table missing here is an
   * error (`reference-missing`). Absent (the CLI without --reference, the designer's lint):
   * nothing is embedded and nothing is reported.
   */
  referenceData?: ReferenceData;
  /** Refuse (`subflow-too-large`) past this many states; default MAX_STATES. */
  maxStates?: number;
}

export interface CompileResult {
  /** No errors: `machine`, `canonical` and `hash` are set. Warnings may be present. */
  ok: boolean;
  diagnostics: Diagnostic[];
  machine?: MachineJson;
  /** Canonical JSON of `machine` (sorted keys, no whitespace). */
  canonical?: string;
  /** sha256 (hex) of `canonical`: the version's identity. */
  hash?: string;
}

/** Inlining subflows multiplies states; past this many the flow is refused, not compiled. */
export const MAX_STATES = 100_000;

export const DEFAULT_SETTINGS = { minConfidence: 0.5, noInputTimeoutMs: 7000 } as const;

/**
 * Flow graph → machine JSON. Never throws: malformed input, lint errors and even a compiler
 * bug come back as diagnostics with `ok: false`.
 */
export function compileFlow(input: unknown, options: CompileOptions = {}): CompileResult {
  return compileChecked(input, options, ownOutputIssues);
}

/**
 * compileFlow with the check of its own output passed in: bench/phases.ts measures a compile
 * without it (`() => []`) to show that step's share. Not exported from the package.
 */
export function compileChecked(input: unknown, options: CompileOptions, checkOutput: (machine: MachineJson) => Diagnostic[]): CompileResult {
  try {
    const parsed = parseFlow(input);
    if (!parsed.ok) {
      // A schema problem inside a node still lets the rest be checked: every finding at once.
      const rest = parsed.partial ? lintPartial(parsed.partial, options.resolveProcess) : [];
      return { ok: false, diagnostics: [...parsed.diagnostics, ...rest] };
    }
    const flow = parsed.flow;
    const { diagnostics, resolve, indexes } = lintParsed(flow, options.resolveProcess);
    if (hasErrors(diagnostics)) return { ok: false, diagnostics };
    let reference: MachineMeta['reference'];
    if (options.referenceData) {
      const snapshot = referenceSnapshot(referenceTablesOf(flow, resolve), options.referenceData);
      if (snapshot.diagnostics.length > 0) return { ok: false, diagnostics: [...diagnostics, ...snapshot.diagnostics] };
      if (Object.keys(snapshot.reference).length > 0) reference = snapshot.reference;
    }
    const machine = buildMachine(flow, resolve, indexes, options.maxStates ?? MAX_STATES, reference);
    if (typeof machine === 'string') return { ok: false, diagnostics: [...diagnostics, diag('subflow-too-large', machine)] };
    // Written once: the reference check below reads the same text.
    const canonical = canonicalJson(machine);
    if (!options.referenceData) {
      // Listing a table costs nothing without data; reading one needs its rows in the machine.
      const unread = tablesWithoutData(referenceTablesOf(flow, resolve), machine, canonical);
      if (unread.length > 0) return { ok: false, diagnostics: [...diagnostics, ...unread] };
    }
    // The linter should make this impossible; checking our own output with the loader's rules
    // turns any gap between the two into a diagnostic instead of a version no terminal loads.
    const refused = checkOutput(machine);
    if (refused.length > 0) return { ok: false, diagnostics: [...diagnostics, ...refused] };
    return { ok: true, diagnostics, machine, canonical, hash: sha256Hex(canonical) };
  } catch (error) {
    return {
      ok: false,
      diagnostics: [diag('compiler-failure', `The compiler failed on this flow (please report it): ${(error as Error).message}`)],
    };
  }
}

/**
 * What the runtime's loader refuses in a machine, as `compiler-failure` diagnostics on the flow
 * node the state came from: the top-level node (a subflow's states `sub/inner` point at `sub`).
 */
export function ownOutputIssues(machine: MachineJson): Diagnostic[] {
  return validateMachine(machine).map((issue) => issueDiagnostic(machine, issue));
}

function issueDiagnostic(machine: MachineJson, issue: MachineIssue): Diagnostic {
  const stateId = issue.stateId ?? /^\/states\/([^/]+)/.exec(issue.path)?.[1];
  const nodeId = stateId === undefined ? undefined : stateId.split('/')[0];
  const inner = stateId !== undefined && stateId !== nodeId ? ` (called node "${stateId.slice(stateId.indexOf('/') + 1)}")` : '';
  const message = `The compiled machine would be refused by the runtime (please report this compiler bug): ${issue.message} at ${issue.path}${inner}.`;
  return diag('compiler-failure', message, nodeId !== undefined && machine.states[nodeId] ? { nodeId } : {});
}

function variablesOf(flow: FlowGraph): Record<string, VariableDecl> {
  const variables: Record<string, VariableDecl> = {};
  for (const v of flow.process.variables) variables[v.name] = v.default === undefined ? { type: v.type } : { type: v.type, default: v.default };
  return variables;
}

/** The machine, or why it could not be built. Assumes the flow linted without errors. */
function buildMachine(flow: FlowGraph, resolve: ResolveProcess, indexes: ReadonlyMap<FlowGraph, GraphIndex>, maxStates: number, reference?: MachineMeta['reference']): MachineJson | string {
  const scopes: Record<string, ScopeDecl> = { main: { processKey: flow.process.key, variables: variablesOf(flow) } };
  let stateCount = 0;
  const calleeWords: GlobalWord[] = [];
  const ownInPlace = (flow.process.inPlaceWords ?? []).map(({ name, phrases }) => ({ name, phrases }));
  const wordNames = new Set([...flow.process.globalWords.map((w) => w.name), ...ownInPlace.map((w) => w.name)]);

  const compileGraph = (graph: FlowGraph, scope: string, prefix: string, exit?: (outcome: string) => TransitionJson) => {
    const stateId = (nodeId: string) => (prefix === '' ? nodeId : `${prefix}/${nodeId}`);
    // The linter's index of this graph: without lint errors it holds every edge and node (an
    // edge it leaves out, a node id it sees twice, is an error), so it is the graph's own map.
    const index = indexes.get(graph);
    const next = index?.next ?? edgeMap(graph);
    const makeCtx = (stateIdOf: (nodeId: string) => string, returnTo?: string): CompileContext => ({
      flow: graph,
      scope,
      stateId: stateIdOf,
      target: (node: FlowNode, outcome: string) => {
        const target = next.get(node.id)?.get(outcome);
        return target === undefined ? undefined : `#${stateIdOf(target)}`;
      },
      // Keys in canonical (sorted) order: canonicalJson then writes the object as it is instead
      // of a sorted copy, one per state (the bytes are the same either way).
      // (No spread of a conditional literal: that is a throw-away object per state.)
      meta: (node: FlowNode) => {
        if (node.label === undefined) return { vm: node.switchPoint === true ? { kind: node.kind, nodeId: node.id, scope, switchPoint: true } : { kind: node.kind, nodeId: node.id, scope } };
        return { vm: node.switchPoint === true ? { kind: node.kind, label: node.label, nodeId: node.id, scope, switchPoint: true } : { kind: node.kind, label: node.label, nodeId: node.id, scope } };
      },
      resolveProcess: resolve,
      addGlobalWord: (word, wordScope) => {
        // Word names match ^[A-Za-z_][A-Za-z0-9_-]*$ in the machine; node ids may hold "-" too,
        // so the readable name gets a counter in the rare case it is already taken.
        const base = `${word.name}-${wordScope.replaceAll('/', '-')}`;
        let name = base;
        for (let n = 2; wordNames.has(name); n++) name = `${base}-${n}`;
        wordNames.add(name);
        calleeWords.push({ ...word, name });
        return name;
      },
      inline: (callee, calleeScope, calleeExit) => {
        scopes[calleeScope] = { processKey: callee.process.key, variables: variablesOf(callee) };
        return compileGraph(callee, calleeScope, calleeScope, calleeExit);
      },
      ...(exit ? { exit } : {}),
      ...(returnTo !== undefined ? { returnTo } : {}),
    });
    const ctx = makeCtx(stateId);
    const byId = index?.nodes ?? new Map(graph.nodes.map((n) => [n.id, n]));
    const successors = (id: string) => next.get(id)?.values() ?? [];
    // In-place branches are compiled only as copies, one per ask that hears the word.
    const inBranch = new Set<string>();
    for (const { word } of allInPlaceWords(graph)) for (const id of branchOf(word.target, successors, (n) => byId.has(n))) inBranch.add(id);
    // A process-wide in-place word of a callee is declared under a machine-wide unique name.
    const processWordEvents = new Map((graph.process.inPlaceWords ?? []).map((w) => [w.name, prefix === '' ? w.name : ctx.addGlobalWord({ name: w.name, phrases: w.phrases }, scope)]));
    const states: Record<string, StateJson> = {};
    let initial = '';
    let sortOn = false;
    for (const node of graph.nodes) {
      if (inBranch.has(node.id)) continue;
      if (++stateCount > maxStates) throw new TooLarge();
      const id = stateId(node.id);
      if (node.kind === 'start') initial = id;
      const state = markReentry(kindOf(node.kind).compile(node as NodeOfKind<typeof node.kind>, ctx));
      states[id] = state;
      for (const { word, own } of inPlaceWordsOf(graph, node)) {
        const copy = (nodeId: string) => `${id}~${word.name}~${nodeId}`;
        const copyCtx = makeCtx(copy, `#${id}`);
        for (const nodeId of branchOf(word.target, successors, (n) => byId.has(n))) {
          if (++stateCount > maxStates) throw new TooLarge();
          const branchNode = byId.get(nodeId)!;
          states[copy(nodeId)] = markReentry(kindOf(branchNode.kind).compile(branchNode as NodeOfKind<typeof branchNode.kind>, copyCtx));
        }
        const event = own ? word.name : processWordEvents.get(word.name)!;
        state.on = { ...state.on, [`GLOBAL.${event}`]: { target: `#${copy(word.target)}` } };
        sortOn = true;
      }
      // The words' events in canonical order among the ask's own (see canonicalForm).
      if (sortOn) {
        state.on = canonicalForm(state.on);
        sortOn = false;
      }
    }
    // By id in canonical order (node order is the flow's): the machine is hashed without a sorted copy.
    const ids = Object.keys(states).sort();
    const sorted: Record<string, StateJson> = {};
    for (let i = 0; i < ids.length; i++) sorted[ids[i]!] = states[ids[i]!]!;
    return { initial, states: sorted };
  };

  let root;
  try {
    root = compileGraph(flow, 'main', '');
  } catch (error) {
    if (error instanceof TooLarge) return `With its subflows inlined this process would have more than ${maxStates} states; call fewer or smaller subflows.`;
    throw error;
  }
  // Keys in canonical order (canonicalForm; the states are built so already): the machine is
  // hashed without sorted copies.
  const meta: MachineJson['meta'] = canonicalForm({
    vm: {
      formatVersion: 1,
      processKey: flow.process.key,
      name: flow.process.name,
      languages: flow.process.languages,
      scopes,
      // The caller's words first: the runtime takes the first word whose phrase matches.
      // Process-wide in-place words are heard in every ask too; each ask state handles them.
      globalWords: [...flow.process.globalWords.map(({ name, phrases }) => ({ name, phrases })), ...ownInPlace, ...calleeWords],
      ...(flow.process.builtinWords && Object.keys(flow.process.builtinWords).length > 0 ? { builtinWords: flow.process.builtinWords } : {}),
      settings: { ...DEFAULT_SETTINGS, ...flow.process.settings },
      ...(reference ? { reference } : {}),
    },
  });
  const { globalWords } = flow.process;
  const machine: MachineJson =
    globalWords.length > 0
      ? { id: flow.process.key, initial: root.initial, meta, on: canonicalForm(Object.fromEntries(globalWords.map((w) => [`GLOBAL.${w.name}`, { target: `#${w.target}` }]))), states: root.states }
      : { id: flow.process.key, initial: root.initial, meta, states: root.states };
  // Written last: the version says which features the states and global words use.
  machine.meta.vm.formatVersion = machineFormatVersion(machine);
  return machine;
}

class TooLarge extends Error {}

/** source → outcome → target, the first edge of an outcome winning (a graph the linter did not index). */
function edgeMap(graph: FlowGraph): Map<string, Map<string, string>> {
  const next = new Map<string, Map<string, string>>();
  for (const edge of graph.edges) {
    let byOutcome = next.get(edge.source);
    if (!byOutcome) next.set(edge.source, (byOutcome = new Map()));
    if (!byOutcome.has(edge.outcome)) byOutcome.set(edge.outcome, edge.target);
  }
  return next;
}

/**
 * An edge from a node back to itself: XState v5 would stay in the state without running its
 * entry again (the ask would not speak), and the runtime refuses such a transition unless it
 * says `reenter: true`. Eventless (`always`) self-targets are silent loops the linter refuses.
 */
function markReentry(state: StateJson): StateJson {
  const self = `#${state.id}`;
  // `reenter` between `guard` and `target`: keys in canonical order (see canonicalForm).
  const mark = (t: TransitionJson): TransitionJson => {
    if (t.target !== self) return t;
    const { target, ...rest } = t;
    return { ...rest, reenter: true, target };
  };
  const on = state.on;
  if (!on) return state;
  // Most states have no self-transition: copy `on` only for the few that do.
  let selfTarget = false;
  for (const event in on) {
    const t = on[event]!;
    if (Array.isArray(t) ? t.some((one) => one.target === self) : t.target === self) selfTarget = true;
  }
  if (selfTarget) state.on = Object.fromEntries(Object.entries(on).map(([event, t]) => [event, Array.isArray(t) ? t.map(mark) : mark(t)]));
  return state;
}
