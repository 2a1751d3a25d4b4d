import { describe, expect, it } from 'vitest';
import { baseFlow, at } from '../test/helpers.js';
import { compileFlow, lintFlow, MAX_FLOW_TEXT, type FlowGraph, type FlowNode, type ResolveProcess } from './index.js';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostics.js';
import { loadMachine, type MachineJson } from '@voiceman/runtime';
import { ownOutputIssues } from './compile.js';

type Mutation = (flow: FlowGraph) => unknown;
interface Case {
  code: DiagnosticCode;
  /** Makes the base flow trigger `code`. */
  bad: Mutation;
  /** A near miss that is correct: `code` must not fire. */
  good: Mutation;
  resolve?: ResolveProcess;
  nodeId?: string;
}

const ask1 = (f: FlowGraph) => f.nodes.find((n) => n.id === 'ask1') as Extract<FlowNode, { kind: 'ask' }>;
type AskNodeData = Extract<FlowNode, { kind: 'ask' }>['data'];
const add = (f: FlowGraph, ...nodes: FlowNode[]) => (f.nodes.push(...nodes), f);
const edge = (f: FlowGraph, id: string, source: string, outcome: string, target: string) => (f.edges.push({ id, source, outcome, target }), f);
const dropEdge = (f: FlowGraph, id: string) => ((f.edges = f.edges.filter((e) => e.id !== id)), f);
const retarget = (f: FlowGraph, id: string, target: string) => ((f.edges.find((e) => e.id === id)!.target = target), f);
const same: Mutation = (f) => f;
const setNode = (id: string, assignments: { variable: string; expr: string }[]): FlowNode => ({ id, kind: 'set', position: at, data: { assignments } });
/** Puts a set node between ask1's "ready" and the end. */
const viaSet = (f: FlowGraph, assignments: { variable: string; expr: string }[]) =>
  edge(retarget(add(f, setNode('s1', assignments)), 'e2', 's1'), 'e9', 's1', 'next', 'end1');
/** Puts a request node between ask1's "ready" and the end; both outcomes lead to the end. */
const viaRequest = (f: FlowGraph, mapping: { variable: string; expr: string }[], url = '{{ name }}/stock') => {
  add(f, { id: 'r1', kind: 'request', position: at, data: { method: 'GET', url, timeoutMs: 1000, retries: 0, mapping } });
  return edge(edge(retarget(f, 'e2', 'r1'), 'e9', 'r1', 'ok', 'end1'), 'e10', 'r1', 'error', 'end1');
};
/** Sets retry policy fields of the request node r1. */
const withPolicy = (f: FlowGraph, policy: Record<string, unknown>) => (Object.assign(f.nodes.find((n) => n.id === 'r1')!.data, policy), f);
/** Puts a one-branch decision between ask1's "ready" and the end. */
const viaDecision = (f: FlowGraph, condition: string) => {
  add(f, { id: 'd1', kind: 'decision', position: at, data: { branches: [{ name: 'big', condition }] } });
  return edge(edge(retarget(f, 'e2', 'd1'), 'e9', 'd1', 'big', 'end1'), 'e10', 'd1', 'else', 'end1');
};
const numberBound = (f: FlowGraph, maxExpr: string) => {
  ask1(f).data.outcomes[0]!.grammar = { type: 'number', min: 0, maxExpr };
  return f;
};
const phrases = (f: FlowGraph, ...lists: string[][]) => {
  ask1(f).data.outcomes = lists.map((list, i) => ({ name: i === 0 ? 'ready' : `o${i}`, grammar: { type: 'phrases', phrases: { en: list } } }));
  lists.slice(1).forEach((_, i) => edge(f, `eo${i}`, 'ask1', `o${i + 1}`, 'end1'));
  return f;
};
/** Gives ask1 a checked answer (`check` overrides), its `wrong` outcome connected to the end unless `connect` is false. */
const checked = (f: FlowGraph, check: Partial<NonNullable<AskNodeData['check']>> = {}, connect = true) => {
  ask1(f).data.check = { expr: 'answer.text == "ready"', wrong: { en: 'Wrong.' }, limit: 3, ...check };
  return connect ? edge(f, 'ew', 'ask1', 'wrong', 'end1') : f;
};
const subflowNode = (processKey: string, inputs: Record<string, string> = {}, outputs: Record<string, string> = {}, version?: 'draft' | 'published'): FlowNode => ({
  id: 'sub',
  kind: 'subflow',
  position: at,
  data: { processKey, inputs, outputs, ...(version ? { version } : {}) },
});
/** ask1 "ready" → subflow node → end. */
const viaSubflow = (f: FlowGraph, node: FlowNode) => edge(retarget(add(f, node), 'e2', 'sub'), 'e9', 'sub', 'done', 'end1');
const callee = (key: string, extra: (f: FlowGraph) => void = () => {}): FlowGraph => {
  const f = baseFlow();
  f.process.key = key;
  f.process.variables.push({ name: 'in1', type: 'int', input: true }, { name: 'out1', type: 'string', output: true, default: '' });
  extra(f);
  return f;
};
/** The base flow in English and Russian. */
const bilingual = (f: FlowGraph) => {
  f.process.languages = ['en', 'ru'];
  ask1(f).data.prompt.ru = 'Готов?';
  ask1(f).data.outcomes[0]!.grammar = { type: 'phrases', phrases: { en: ['ready'], ru: ['готов'] } };
  (f.nodes[2]!.data as { text: Record<string, string> }).text.ru = 'Пока.';
  return f;
};
const resolver = (...flows: FlowGraph[]): ResolveProcess => (key) => flows.find((f) => f.process.key === key);
const loop = (f: FlowGraph, withAsk: boolean) => {
  add(f, { id: 'd1', kind: 'decision', position: at, data: { branches: [{ name: 'again', condition: 'qty < 3' }] } }, setNode('s1', [{ variable: 'qty', expr: 'qty + 1' }]));
  retarget(f, 'e2', 'd1');
  edge(f, 'e10', 'd1', 'again', 's1');
  edge(f, 'e11', 'd1', 'else', 'end1');
  edge(f, 'e12', 's1', 'next', withAsk ? 'ask1' : 'd1');
  return f;
};

/** ask1 "ready" → sub → d1; d1 "again" → sub (a loop through the call only), else → end. */
const loopThroughCall = (f: FlowGraph) => {
  viaSubflow(f, subflowNode('callee'));
  add(f, { id: 'd1', kind: 'decision', position: at, data: { branches: [{ name: 'again', condition: 'qty < 3' }] } });
  retarget(f, 'e9', 'd1');
  edge(f, 'e10', 'd1', 'again', 'sub');
  return edge(f, 'e11', 'd1', 'else', 'end1');
};
/** A callee whose ask is on one branch only: start → d1 → ask1 → end, d1 else → end. */
const bypassableAsk = (key: string) =>
  callee(key, (c) => {
    add(c, { id: 'd1', kind: 'decision', position: at, data: { branches: [{ name: 'ask', condition: 'in1 > 0' }] } });
    retarget(c, 'e1', 'd1');
    edge(c, 'e10', 'd1', 'ask', 'ask1');
    edge(c, 'e11', 'd1', 'else', 'end1');
  });

const cases: Case[] = [
  { code: 'flow-not-json', bad: (f) => JSON.stringify(f).slice(0, -1), good: (f) => JSON.stringify(f) },
  { code: 'flow-too-large', bad: () => ' '.repeat(MAX_FLOW_TEXT + 1), good: (f) => JSON.stringify(f, null, 2) },
  { code: 'flow-version', bad: (f) => ({ ...f, formatVersion: 2 }), good: same },
  { code: 'flow-schema', bad: (f) => ((ask1(f).data as { prompt?: unknown }).prompt = 42, f), good: same, nodeId: 'ask1' },
  { code: 'duplicate-node-id', bad: (f) => add(f, { id: 'end1', kind: 'end', position: at, data: {} }), good: (f) => retarget(add(f, { id: 'end2', kind: 'end', position: at, data: {} }), 'e4', 'end2') },
  { code: 'duplicate-edge-id', bad: (f) => ((f.edges[3]!.id = 'e1'), f), good: same },
  { code: 'duplicate-variable', bad: (f) => (f.process.variables.push({ name: 'qty', type: 'string' }), f), good: (f) => (f.process.variables.push({ name: 'qty2', type: 'string' }), f) },
  { code: 'duplicate-outcome', bad: (f) => ((ask1(f).data.outcomes[0]!.name = 'noInput'), f), good: (f) => ((ask1(f).data.outcomes[0]!.name = 'input'), retarget(f, 'e2', 'end1'), (f.edges[1]!.outcome = 'input'), f) },
  { code: 'variable-default-type', bad: (f) => ((f.process.variables[0]!.default = 'three'), f), good: (f) => ((f.process.variables[0]!.default = 3), f) },
  { code: 'start-missing', bad: (f) => ((f.nodes = f.nodes.filter((n) => n.kind !== 'start')), dropEdge(f, 'e1')), good: same },
  { code: 'start-multiple', bad: (f) => add(f, { id: 'start2', kind: 'start', position: at, data: {} }), good: same, nodeId: 'start2' },
  { code: 'edge-unknown-source', bad: (f) => edge(f, 'e9', 'ghost', 'next', 'end1'), good: same },
  { code: 'edge-unknown-target', bad: (f) => retarget(f, 'e2', 'ghost'), good: same, nodeId: 'ask1' },
  { code: 'edge-unknown-outcome', bad: (f) => edge(f, 'e9', 'ask1', 'maybe', 'end1'), good: same, nodeId: 'ask1' },
  { code: 'edge-duplicate-outcome', bad: (f) => edge(f, 'e9', 'ask1', 'ready', 'end1'), good: same, nodeId: 'ask1' },
  { code: 'edge-into-start', bad: (f) => retarget(f, 'e4', 'start'), good: same, nodeId: 'ask1' },
  { code: 'dead-end', bad: (f) => dropEdge(f, 'e2'), good: same, nodeId: 'ask1' },
  { code: 'unreachable-node', bad: (f) => add(f, { id: 'lonely', kind: 'end', position: at, data: {} }), good: (f) => edge(add(f, { id: 'lonely', kind: 'end', position: at, data: {} }), 'e9', 'ask1', 'noMatch', 'lonely') && dropEdge(f, 'e4'), nodeId: 'lonely' },
  { code: 'loop-without-ask', bad: (f) => loop(f, false), good: (f) => loop(f, true) },
  {
    // A node leading straight back to itself: an ask re-enters (speaks again), a say would spin.
    code: 'loop-without-ask',
    bad: (f) => edge(retarget(add(f, { id: 'say1', kind: 'say', position: at, data: { text: { en: 'Again.' } } }), 'e4', 'say1'), 'e9', 'say1', 'next', 'say1'),
    good: (f) => retarget(f, 'e4', 'ask1'),
    nodeId: 'say1',
  },
  {
    // The callee returns without asking when in1 <= 0: the loop through the call can spin.
    code: 'loop-without-ask',
    bad: loopThroughCall,
    good: (f) => ((loopThroughCall(f).nodes.find((n) => n.id === 'sub')!.data as { processKey: string }).processKey = 'always', f),
    resolve: resolver(bypassableAsk('callee'), callee('always')),
  },
  { code: 'ask-no-input-path', bad: (f) => dropEdge(f, 'e3'), good: same, nodeId: 'ask1' },
  { code: 'ask-no-match-path', bad: (f) => dropEdge(f, 'e4'), good: same, nodeId: 'ask1' },
  { code: 'ask-vocabulary-overlap', bad: (f) => phrases(f, ['ready'], ['Ready!']), good: (f) => phrases(f, ['ready'], ['skip']), nodeId: 'ask1' },
  { code: 'ask-vocabulary-overlap', bad: (f) => phrases(f, ['ready', 'repeat']), good: (f) => phrases(f, ['ready', 'next']), nodeId: 'ask1' },
  { code: 'ask-vocabulary-overlap', bad: (f) => (f.process.globalWords.push({ name: 'stop', phrases: { en: ['ready'] }, target: 'end1' }), f), good: (f) => (f.process.globalWords.push({ name: 'stop', phrases: { en: ['sign off'] }, target: 'end1' }), f) },
  {
    code: 'ask-vocabulary-overlap',
    bad: (f) => ((ask1(f).data.outcomes = [{ name: 'ready', grammar: { type: 'digits', minLength: 2, maxLength: 3 } }, { name: 'n', grammar: { type: 'number', min: 0, max: 50 } }]), edge(f, 'e9', 'ask1', 'n', 'end1')),
    good: (f) => ((ask1(f).data.outcomes = [{ name: 'ready', grammar: { type: 'digits', minLength: 2, maxLength: 3 } }, { name: 'n', grammar: { type: 'yes' } }]), edge(f, 'e9', 'ask1', 'n', 'end1')),
  },
  {
    // "five" is also the number 5: the number answer would take it.
    code: 'ask-vocabulary-overlap',
    bad: (f) => (phrases(f, ['ready'], ['five']), ask1(f).data.outcomes.push({ name: 'qty', grammar: { type: 'number', min: 1, max: 10 } }), edge(f, 'e9', 'ask1', 'qty', 'end1')),
    good: (f) => (phrases(f, ['ready'], ['five']), ask1(f).data.outcomes.push({ name: 'qty', grammar: { type: 'number', min: 10, max: 99 } }), edge(f, 'e9', 'ask1', 'qty', 'end1')),
    nodeId: 'ask1',
  },
  {
    // "one two" is two digits; a digits answer of 2–4 takes it, one of 3–4 does not.
    code: 'ask-vocabulary-overlap',
    bad: (f) => (phrases(f, ['one two']), ask1(f).data.outcomes.push({ name: 'code', grammar: { type: 'digits', minLength: 2, maxLength: 4 } }), edge(f, 'e9', 'ask1', 'code', 'end1')),
    good: (f) => (phrases(f, ['one two']), ask1(f).data.outcomes.push({ name: 'code', grammar: { type: 'digits', minLength: 3, maxLength: 4 } }), edge(f, 'e9', 'ask1', 'code', 'end1')),
    nodeId: 'ask1',
  },
  {
    // The caller's "sign off" is heard in the callee's ask, whose answer is also "sign off".
    code: 'ask-vocabulary-overlap',
    bad: (f) => (f.process.globalWords.push({ name: 'stop', phrases: { en: ['sign off'] }, target: 'end1' }), viaSubflow(f, subflowNode('callee'))),
    good: (f) => (f.process.globalWords.push({ name: 'stop', phrases: { en: ['sign out'] }, target: 'end1' }), viaSubflow(f, subflowNode('callee'))),
    resolve: resolver(callee('callee', (c) => (ask1(c).data.outcomes[0]!.grammar = { type: 'phrases', phrases: { en: ['sign off'] } }))),
    nodeId: 'sub',
  },
  { code: 'global-word-builtin', bad: (f) => (f.process.globalWords.push({ name: 'again', phrases: { en: ['Repeat'] }, target: 'end1' }), f), good: (f) => (f.process.globalWords.push({ name: 'again', phrases: { en: ['start over'] }, target: 'end1' }), f) },
  { code: 'ask-confusable-words', bad: (f) => phrases(f, ['ready'], ['reddy']), good: (f) => phrases(f, ['ready'], ['skip']), nodeId: 'ask1' },
  { code: 'ask-confusable-words', bad: (f) => phrases(f, ['no'], ['go']), good: (f) => phrases(f, ['no'], ['next']) },
  { code: 'ask-empty-vocabulary', bad: (f) => phrases(f, ['  ']), good: same, nodeId: 'ask1' },
  { code: 'ask-save-type', bad: (f) => ((ask1(f).data.saveAs = 'qty'), f), good: (f) => ((ask1(f).data.saveAs = 'name'), f), nodeId: 'ask1' },
  // Checked answers, conditional read-back, confidence band (format version 2).
  { code: 'ask-wrong-path', bad: (f) => checked(f, {}, false), good: (f) => checked(f), nodeId: 'ask1' },
  { code: 'ask-check-outcome', bad: (f) => checked(f, { outcomes: ['nope'] }), good: (f) => checked(f, { outcomes: ['ready'] }), nodeId: 'ask1' },
  { code: 'flow-schema', bad: (f) => checked(f, { limit: 0 }), good: (f) => checked(f, { limit: 1 }), nodeId: 'ask1' },
  { code: 'cel-type-mismatch', bad: (f) => checked(f, { expr: 'size(answer.text)' }), good: (f) => checked(f, { expr: 'answer.text == name' }), nodeId: 'ask1' },
  { code: 'missing-text', bad: (f) => checked(f, { wrong: { en: ' ' } }), good: (f) => checked(f, { wrong: { en: 'Not {{ answer.text }}.' } }), nodeId: 'ask1' },
  { code: 'cel-type-mismatch', bad: (f) => ((ask1(f).data.confirm = { prompt: { en: 'Sure?' }, condition: 'qty' }), f), good: (f) => ((ask1(f).data.confirm = { prompt: { en: 'Sure?' }, condition: 'qty > 1' }), f), nodeId: 'ask1' },
  { code: 'ask-confidence-band', bad: (f) => ((ask1(f).data.confirmBelow = 0.5), f), good: (f) => ((ask1(f).data.confirmBelow = 0.8), f), nodeId: 'ask1' },
  {
    code: 'missing-text',
    bad: (f) => ((f.process.languages = ['en', 'ru']), f),
    good: (f) => {
      f.process.languages = ['en', 'ru'];
      ask1(f).data.prompt.ru = 'Готов?';
      ask1(f).data.outcomes[0]!.grammar = { type: 'phrases', phrases: { en: ['ready'], ru: ['готов'] } };
      (f.nodes[2]!.data as { text: Record<string, string> }).text.ru = 'Пока.';
      return f;
    },
    nodeId: 'ask1',
  },
  {
    // A process-wide word the Russian operator cannot say: the runtime refuses the machine.
    code: 'missing-text',
    bad: (f) => (bilingual(f).process.globalWords.push({ name: 'stop', phrases: { en: ['sign off'], ru: [' '] }, target: 'end1' }), f),
    good: (f) => (bilingual(f).process.globalWords.push({ name: 'stop', phrases: { en: ['sign off'], ru: ['выход'] }, target: 'end1' }), f),
  },
  { code: 'cel-invalid', bad: (f) => viaSet(f, [{ variable: 'qty', expr: 'qty +' }]), good: (f) => viaSet(f, [{ variable: 'qty', expr: 'qty + 1' }]), nodeId: 's1' },
  { code: 'cel-invalid', bad: (f) => ((ask1(f).data.prompt.en = 'Take {{ nope }}'), f), good: (f) => ((ask1(f).data.prompt.en = 'Take {{ qty }}'), f), nodeId: 'ask1' },
  // RE2 has no lookbehind; a literal pattern that is not RE2 would fail on every run.
  { code: 'cel-regex', bad: (f) => viaDecision(f, 'name.matches("(?<=A)[0-9]+")'), good: (f) => viaDecision(f, 'name.matches("^A[0-9]+$")'), nodeId: 'd1' },
  { code: 'cel-regex', bad: (f) => ((ask1(f).data.prompt.en = 'Take {{ name.matches("[") }}'), f), good: (f) => ((ask1(f).data.prompt.en = 'Take {{ name.matches("[a]") }}'), f), nodeId: 'ask1' },
  { code: 'cel-map-key', bad: (f) => viaSet(f, [{ variable: 'qty', expr: '{"__proto__": 1}.size()' }]), good: (f) => viaSet(f, [{ variable: 'qty', expr: '{"proto": 1}.size()' }]), nodeId: 's1' },
  { code: 'set-type-mismatch', bad: (f) => viaSet(f, [{ variable: 'qty', expr: 'double(qty) / 2.0' }]), good: (f) => viaSet(f, [{ variable: 'qty', expr: 'qty / 2' }]), nodeId: 's1' },
  { code: 'set-type-mismatch', bad: (f) => viaSet(f, [{ variable: 'name', expr: 'qty' }]), good: (f) => viaSet(f, [{ variable: 'name', expr: 'string(qty)' }]), nodeId: 's1' },
  { code: 'mapping-type-mismatch', bad: (f) => viaRequest(f, [{ variable: 'qty', expr: 'response.status == 200' }]), good: (f) => viaRequest(f, [{ variable: 'qty', expr: 'int(response.body.qty)' }]), nodeId: 'r1' },
  { code: 'cel-type-mismatch', bad: (f) => viaDecision(f, 'qty + 1'), good: (f) => viaDecision(f, 'qty + 1 > 2'), nodeId: 'd1' },
  { code: 'cel-type-mismatch', bad: (f) => numberBound(f, 'name'), good: (f) => numberBound(f, 'qty + 5'), nodeId: 'ask1' },
  { code: 'cel-type-mismatch', bad: (f) => viaSubflow(f, subflowNode('callee', { in1: 'name' })), good: (f) => viaSubflow(f, subflowNode('callee', { in1: 'qty' })), resolve: resolver(callee('callee')), nodeId: 'sub' },
  { code: 'request-url-not-absolute', bad: (f) => viaRequest(f, [], '/stock/{{ qty }}'), good: (f) => viaRequest(f, [], 'https://wms.example/stock/{{ qty }}'), nodeId: 'r1' },
  { code: 'request-url-not-absolute', bad: (f) => viaRequest(f, [], 'https://{{ name }}/stock'), good: (f) => viaRequest(f, [], '{{ name }}/stock'), nodeId: 'r1' },
  { code: 'request-url-not-absolute', bad: (f) => viaRequest(f, [], 'wms.example/stock'), good: (f) => viaRequest(f, [], 'http://wms.example:4010'), nodeId: 'r1' },
  { code: 'request-backoff', bad: (f) => withPolicy(viaRequest(f, []), { retries: 0, retryStatuses: [503] }), good: (f) => withPolicy(viaRequest(f, []), { retries: 1, retryStatuses: [503] }), nodeId: 'r1' },
  { code: 'request-backoff', bad: (f) => withPolicy(viaRequest(f, []), { retries: 2, backoff: { type: 'exponential', delayMs: 2000, maxDelayMs: 1000 } }), good: (f) => withPolicy(viaRequest(f, []), { retries: 2, backoff: { type: 'exponential', delayMs: 2000, maxDelayMs: 2000 } }), nodeId: 'r1' },
  // A request's error leading back into it: the advice is its retry policy (the message is tested in test/request-policy.test.ts).
  { code: 'loop-without-ask', bad: (f) => retarget(viaRequest(f, []), 'e10', 'r1'), good: (f) => withPolicy(viaRequest(f, []), { retries: 1, retryStatuses: [500, 503] }), nodeId: 'r1' },
  { code: 'variable-reserved', bad: (f) => (f.process.variables.push({ name: 'ref', type: 'map' }), f), good: (f) => (f.process.variables.push({ name: 'refs', type: 'map' }), f) },
  { code: 'variable-reserved', bad: (f) => (f.process.variables.push({ name: 'loop', type: 'int' }), f), good: (f) => (f.process.variables.push({ name: 'loops', type: 'int' }), f) },
  { code: 'variable-reserved', bad: (f) => (f.process.variables.push({ name: 'event', type: 'string' }), f), good: (f) => (f.process.variables.push({ name: 'events', type: 'string' }), f) },
  { code: 'variable-reserved', bad: (f) => (f.process.variables.push({ name: 'session', type: 'map' }), f), good: same },
  {
    code: 'variable-reserved',
    bad: (f) => (f.process.variables.push({ name: 'response', type: 'dyn' }), viaRequest(f, [{ variable: 'response', expr: 'response.body' }])),
    good: (f) => (f.process.variables.push({ name: 'reply', type: 'dyn' }), viaRequest(f, [{ variable: 'reply', expr: 'response.body' }])),
    nodeId: 'r1',
  },
  { code: 'reference-table-name', bad: (f) => ((f.process.referenceTables = ['Bin-List']), f), good: (f) => ((f.process.referenceTables = ['bin_list']), f) },
  { code: 'unknown-variable', bad: (f) => viaSet(f, [{ variable: 'nope', expr: '1' }]), good: (f) => viaSet(f, [{ variable: 'qty', expr: '1' }]), nodeId: 's1' },
  { code: 'global-word-target', bad: (f) => (f.process.globalWords.push({ name: 'stop', phrases: { en: ['sign off'] }, target: 'ghost' }), f), good: (f) => (f.process.globalWords.push({ name: 'stop', phrases: { en: ['sign off'] }, target: 'end1' }), f) },
  { code: 'subflow-unknown-process', bad: (f) => viaSubflow(f, subflowNode('ghost')), good: (f) => viaSubflow(f, subflowNode('callee')), resolve: resolver(callee('callee')), nodeId: 'sub' },
  {
    code: 'subflow-recursion',
    bad: (f) => viaSubflow(f, subflowNode('callee')),
    good: (f) => viaSubflow(f, subflowNode('other')),
    // callee calls back into "base": base → callee → base
    resolve: resolver(callee('callee', (c) => viaSubflow(c, subflowNode('base'))), callee('other')),
    nodeId: 'sub',
  },
  { code: 'subflow-invalid-callee', bad: (f) => viaSubflow(f, subflowNode('broken')), good: (f) => viaSubflow(f, subflowNode('callee')), resolve: resolver(callee('broken', (c) => dropEdge(c, 'e2')), callee('callee')), nodeId: 'sub' },
  { code: 'subflow-unknown-input', bad: (f) => viaSubflow(f, subflowNode('callee', { out1: '1' })), good: (f) => viaSubflow(f, subflowNode('callee', { in1: 'qty' })), resolve: resolver(callee('callee')), nodeId: 'sub' },
  {
    // An English+Russian caller cannot call an English-only process: its texts have no Russian.
    code: 'subflow-language',
    bad: (f) => viaSubflow(bilingual(f), subflowNode('callee')),
    good: (f) => viaSubflow(bilingual(f), subflowNode('both')),
    resolve: resolver(callee('callee'), callee('both', bilingual)),
    nodeId: 'sub',
  },
  { code: 'subflow-unknown-output', bad: (f) => viaSubflow(f, subflowNode('callee', {}, { name: 'in1' })), good: (f) => viaSubflow(f, subflowNode('callee', {}, { name: 'out1' })), resolve: resolver(callee('callee')), nodeId: 'sub' },
];

describe('every diagnostic code', () => {
  it('has at least one case here (besides the ones tested on their own)', () => {
    // reference-missing needs reference data: test/reference.test.ts.
    // In-place words and return nodes: test/in-place-words.test.ts.
    const inPlace = ['in-place-word-target', 'in-place-word-name', 'in-place-word-ask', 'in-place-word-leaves', 'in-place-word-loop', 'return-outside-word'];
    const covered = new Set<string>([...cases.map((c) => c.code), ...inPlace, 'subflow-too-large', 'compiler-failure', 'reference-missing', 'process-key-duplicate']);
    expect(Object.keys(DIAGNOSTIC_CODES).filter((c) => !covered.has(c))).toEqual([]);
  });

  it('none fires on the base flow', () => {
    expect(compileFlow(baseFlow())).toMatchObject({ ok: true, diagnostics: [] });
  });

  it.each(cases.map((c, i) => [`${c.code} #${i}`, c] as const))('%s fires on the bad flow', (_, c) => {
    const diagnostics = lintFlow(c.bad(baseFlow()), { resolveProcess: c.resolve });
    const found = diagnostics.filter((d) => d.code === c.code);
    expect(found.length, JSON.stringify(diagnostics)).toBeGreaterThan(0);
    expect(found[0]!.severity).toBe(DIAGNOSTIC_CODES[c.code].severity);
    expect(found[0]!.message.length).toBeGreaterThan(10);
    if (c.nodeId) expect(found.map((d) => d.nodeId)).toContain(c.nodeId);
  });

  it.each(cases.map((c, i) => [`${c.code} #${i}`, c] as const))('%s does not fire on the near miss', (_, c) => {
    const diagnostics = lintFlow(c.good(baseFlow()), { resolveProcess: c.resolve });
    expect(diagnostics, JSON.stringify(diagnostics)).toEqual([]);
  });
});

describe('positions and fields', () => {
  it('a CEL error inside a template points into the template text', () => {
    const f = baseFlow();
    ask1(f).data.prompt.en = 'Take {{ qty + nope }} now';
    const [d] = lintFlow(f).filter((x) => x.code === 'cel-invalid');
    expect(d).toMatchObject({ nodeId: 'ask1', field: '/prompt/en' });
    expect(ask1(f).data.prompt.en!.slice(d!.start, d!.end)).toContain('nope');
  });

  it('a set expression error names the assignment', () => {
    const [d] = lintFlow(viaSet(baseFlow(), [{ variable: 'qty', expr: 'qty + ' }])).filter((x) => x.code === 'cel-invalid');
    expect(d).toMatchObject({ nodeId: 's1', field: '/assignments/0/expr' });
    expect(typeof d!.start).toBe('number');
  });
});

describe('type mismatches use the runtime\'s rules', () => {
  it('a set mismatch names the variable, both types and the field', () => {
    const [d] = lintFlow(viaSet(baseFlow(), [{ variable: 'qty', expr: '"three"' }])).filter((x) => x.code === 'set-type-mismatch');
    expect(d).toMatchObject({ nodeId: 's1', field: '/assignments/0/expr', message: 'Variable "qty" needs an int, but ""three"" yields string.' });
  });

  it('what lints clean here loads in the runtime, and what the runtime refuses is reported here', () => {
    const fits = compileFlow(viaRequest(baseFlow(), [{ variable: 'name', expr: 'string(response.status)' }]));
    expect(fits.ok, JSON.stringify(fits.diagnostics)).toBe(true);
    expect(() => loadMachine(fits.machine!)).not.toThrow();
    const refused = compileFlow(viaSet(baseFlow(), [{ variable: 'name', expr: 'qty' }]));
    expect(refused.diagnostics.map((d) => d.code)).toEqual(['set-type-mismatch']);
    // The same machine, had it been written: the runtime refuses it at load.
    const near = compileFlow(viaSet(baseFlow(), [{ variable: 'name', expr: 'string(qty)' }]));
    const written = JSON.parse(near.canonical!.replace('"string(qty)"', '"qty"'));
    expect(() => loadMachine(written)).toThrow(/yields int, expected string/);
  });
});

describe('subflow version', () => {
  it('asks the resolver for the published flow unless the node says draft', () => {
    const asked: [string, string | undefined][] = [];
    // The draft of "callee" has a second end outcome; the published one has only "done".
    const draft = callee('callee', (c) => {
      c.nodes.push({ id: 'bail', kind: 'end', position: at, data: { outcome: 'failed' } });
      retarget(c, 'e4', 'bail');
    });
    const resolveProcess: ResolveProcess = (key, version) => (asked.push([key, version]), key !== 'callee' ? undefined : version === 'draft' ? draft : callee('callee'));
    const published = compileFlow(viaSubflow(baseFlow(), subflowNode('callee')), { resolveProcess });
    expect(published.ok, JSON.stringify(published.diagnostics)).toBe(true);
    expect(asked.every(([, v]) => v === 'published')).toBe(true);
    asked.length = 0;
    const f = viaSubflow(baseFlow(), subflowNode('callee', {}, {}, 'draft'));
    edge(f, 'e10', 'sub', 'failed', 'end1');
    const result = compileFlow(f, { resolveProcess });
    expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every(([, v]) => v === 'draft')).toBe(true);
    expect(result.machine!.states.sub!.states!['sub/bail']).toBeDefined();
  });

  it('refuses a version other than draft or published', () => {
    const f = viaSubflow(baseFlow(), subflowNode('callee', {}, {}, 'latest' as never));
    expect(lintFlow(f, { resolveProcess: resolver(callee('callee')) }).map((d) => d.code)).toEqual(['flow-schema']);
  });
});

describe('subflow-too-large', () => {
  it('refuses a process whose inlined subflows would exceed the state limit', () => {
    // layer k calls layer k+1 ten times: 10^4 copies of the leaf.
    const layer = (key: string, calls: string | undefined): FlowGraph => {
      const f = baseFlow();
      f.process.key = key;
      if (!calls) return f;
      let from = 'ask1';
      let outcome = 'ready';
      for (let i = 0; i < 10; i++) {
        f.nodes.push({ ...subflowNode(calls), id: `sub${i}` });
        f.edges = f.edges.filter((e) => !(e.source === from && e.outcome === outcome));
        f.edges.push({ id: `c${i}`, source: from, outcome, target: `sub${i}` });
        from = `sub${i}`;
        outcome = 'done';
      }
      f.edges.push({ id: 'last', source: from, outcome, target: 'end1' });
      return f;
    };
    const flows = [layer('l1', 'l2'), layer('l2', 'l3'), layer('l3', 'leaf'), layer('leaf', undefined)];
    const resolveProcess = resolver(...flows);
    // 10 × 10 × 10 leaf copies of 3 states, plus the calls: about 4,300 states.
    expect(compileFlow(flows[0], { resolveProcess, maxStates: 5000 }).ok).toBe(true);
    const result = compileFlow(flows[0], { resolveProcess, maxStates: 4000 });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toContain('subflow-too-large');
  });
});

describe('compiler-failure', () => {
  it('a machine the runtime would refuse is reported on the node it came from, never published', () => {
    const ok = compileFlow(viaSubflow(baseFlow(), subflowNode('callee')), { resolveProcess: resolver(callee('callee')) });
    expect(ok.ok).toBe(true);
    expect(ownOutputIssues(ok.machine!)).toEqual([]);
    // What the compiler would have emitted had the linter missed a Russian text in the callee.
    const broken = JSON.parse(ok.canonical!) as MachineJson;
    broken.meta.vm.languages = ['en', 'ru'];
    const issues = ownOutputIssues(broken);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((d) => d.code === 'compiler-failure' && d.severity === 'error')).toBe(true);
    expect(issues.map((d) => d.nodeId)).toContain('sub');
    expect(issues.find((d) => d.nodeId === 'sub')!.message).toMatch(/ru/);
  });

  it('an English+Russian caller of an English-only callee does not compile', () => {
    const result = compileFlow(viaSubflow(bilingual(baseFlow()), subflowNode('callee')), { resolveProcess: resolver(callee('callee')) });
    expect(result.ok).toBe(false);
    expect(result.machine).toBeUndefined();
  });

  it('an input that changes under the compiler gives a diagnostic, not an exception', () => {
    const f = baseFlow();
    const nodes = f.nodes;
    let reads = 0;
    let limit = Infinity;
    // The node list turns hostile once checking is over: the compiler must still not throw.
    Object.defineProperty(f, 'nodes', {
      enumerable: true,
      get() {
        if (++reads > limit) throw new Error('gone');
        return nodes;
      },
    });
    expect(lintFlow(f)).toEqual([]);
    limit = reads;
    reads = 0;
    const result = compileFlow(f);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toContain('compiler-failure');
  });
});
