import { describe, expect, it } from 'vitest';
import { compileFlow, type FlowGraph } from '@voiceman/compiler';
import { exampleFlow, exampleReferenceData, resolveExampleProcess } from '@voiceman/examples';
import { answerHint, chipPhrases } from './answer-hints.js';
import { nodeAtLevel, runMarks, runPath } from './canvas-run.js';
import { activePath, machineStates, requestStates } from './machine-states.js';
import { defaultInputText, inputVariables, parseInputs, withSettings } from './run-inputs.js';
import { toStubs, type StubForm } from './stub-form.js';

const picking = exampleFlow('case-picking') as FlowGraph;
const signOn = resolveExampleProcess('sign-on')!;
const callees = (key: string) => (key === 'sign-on' ? signOn : undefined);
const machine = compileFlow(picking, { resolveProcess: callees, referenceData: exampleReferenceData() }).machine;

describe('the run on the canvas', () => {
  it('finds the node of a state at each level of subflow calls', () => {
    expect(nodeAtLevel('askId', '')).toBe('askId');
    expect(nodeAtLevel('signOn/askId', '')).toBe('signOn');
    expect(nodeAtLevel('signOn/askId', 'signOn/')).toBe('askId');
    expect(nodeAtLevel('slot', 'signOn/')).toBeNull();
    // A copy of an in-place word's branch is drawn on the branch's node.
    expect(nodeAtLevel('quantity~description~describe', '')).toBe('describe');
    expect(nodeAtLevel('signOn/askId~help~info', 'signOn/')).toBe('info');
  });

  it('marks the active node, visits and taken edges of the process', () => {
    const run = {
      activeStates: ['slotSupervisor'],
      visited: { start: 1, signOn: 1, 'signOn/askId': 2, getAssignment: 1 },
      edges: { 'start->signOn': 1, 'signOn/askId->signOn/signOnRequest': 1, 'signOn->getAssignment': 1 },
    };
    const marks = runMarks(picking, run);
    expect(marks.active).toBe('slotSupervisor');
    // The call counts once, its inner states do not add to it.
    expect(marks.visited).toEqual({ start: 1, signOn: 1, getAssignment: 1 });
    const taken = picking.edges.filter((e) => marks.edges[e.id]).map((e) => `${e.source}->${e.target}`);
    expect(taken.sort()).toEqual(['signOn->getAssignment', 'start->signOn']);
  });

  it('counts a subflow call as visited once per entry, however many of its states ran', () => {
    const run = { activeStates: ['summary'], visited: { start: 1, 'signOn/start': 2, 'signOn/askId': 3 }, edges: { 'start->signOn/start': 1, 'signOn/askId->signOn/askId': 2 } };
    expect(runMarks(picking, run).visited).toEqual({ start: 1, signOn: 1 });
  });

  it('shows the callee while the run is inside a subflow, with a crumb per level', () => {
    const path = runPath(picking, ['signOn', 'signOn/askId'], callees);
    expect(path.prefix).toBe('signOn/');
    expect(path.graph.process.key).toBe('sign-on');
    expect(path.crumbs.map((c) => `${c.processKey}:${c.nodeId}`)).toEqual(['case-picking:signOn', 'sign-on:askId']);
    const marks = runMarks(path.graph, { activeStates: ['signOn', 'signOn/askId'], visited: { 'signOn/askId': 1 }, edges: { 'signOn/start->signOn/askId': 1 } }, path.prefix);
    expect(marks.active).toBe('askId');
    expect(Object.keys(marks.edges)).toHaveLength(1);
  });

  it('stays on the process when the callee is unknown', () => {
    const path = runPath(picking, ['signOn', 'signOn/askId'], () => undefined);
    expect(path.prefix).toBe('');
    expect(path.crumbs.map((c) => c.nodeId)).toEqual(['signOn']);
  });
});

describe('machine states', () => {
  const states = machineStates(machine);
  it('lists every request state, the called subflow ones included', () => {
    const ids = requestStates(states).map((s) => s.id);
    expect(ids).toContain('getAssignment');
    expect(ids).toContain('signOn/signOnRequest');
    expect(ids).not.toContain('slotSupervisor');
    expect(states.get('confirmFull')?.request).toEqual({ method: 'POST', url: '{{ wmsUrl }}/picking/picks/{{ pick.id }}/confirm' });
  });

  it('gives the active path, outermost first, with where the leaf can go', () => {
    const path = activePath(states, ['signOn', 'signOn/askId']);
    expect(path.map((l) => l.state.id)).toEqual(['signOn', 'signOn/askId']);
    expect(path[1]!.siblings).toBe(signOn.nodes.length - 1);
    expect(path[1]!.state.transitions.find((t) => t.event === 'ANSWER.id')?.targets).toEqual(['signOn/signOnRequest']);
  });
});

describe('run inputs', () => {
  it('prefills the input variables from their defaults', () => {
    expect(inputVariables(picking).map((v) => v.name)).toEqual(['wmsUrl']);
    expect(defaultInputText(picking)).toEqual({ wmsUrl: 'http://127.0.0.1:4010' });
  });

  it('parses by type, leaves empty fields to the default and names a bad field', () => {
    const vars = [
      { name: 's', type: 'string' as const, input: true },
      { name: 'n', type: 'int' as const, input: true },
      { name: 'm', type: 'map' as const, input: true },
      { name: 'e', type: 'int' as const, input: true },
    ];
    expect(parseInputs(vars, { s: '42', n: '7', m: '{"a":1}', e: ' ' })).toEqual({ ok: true, value: { s: '42', n: 7, m: { a: 1 } } });
    expect(parseInputs(vars, { n: '7.5', m: '[1]' })).toEqual({ ok: false, errors: { n: 'not a int', m: 'not a map' } });
  });
});

describe('WMS stub form', () => {
  it('turns the edited answers into the simulator stubs, in order', () => {
    const form: StubForm = {
      confirmFull: [
        { type: 'response', status: 503, body: '{"error":"down"}', delayMs: 0 },
        { type: 'timeout' },
        { type: 'networkError', message: '' },
        { type: 'response', status: 200, body: '', delayMs: 250 },
      ],
      nextPick: [],
    };
    expect(toStubs(form)).toEqual({
      ok: true,
      stubs: { confirmFull: [{ status: 503, body: { error: 'down' } }, { timeout: true }, { networkError: 'network error' }, { status: 200, delayMs: 250 }] },
    });
  });

  it('names each bad field instead of running with it', () => {
    const result = toStubs({ deliver: [{ type: 'response', status: 42, body: '{oops', delayMs: -1 }] });
    expect(result).toEqual({
      ok: false,
      problems: [
        { stateId: 'deliver', index: 0, problem: 'status' },
        { stateId: 'deliver', index: 0, problem: 'delay' },
        { stateId: 'deliver', index: 0, problem: 'body' },
      ],
    });
  });
});

describe('answer hints', () => {
  const base = { stateId: 'qty', language: 'en' as const, confidenceThreshold: 0.5, timeoutMs: 7000 };
  it('offers each phrase once', () => {
    expect(chipPhrases({ ...base, phrases: ['yes', 'Yes', 'no', ' ', 'repeat'] })).toEqual(['yes', 'no', 'repeat']);
    expect(chipPhrases(null)).toEqual([]);
  });
  it('describes digit and number answers', () => {
    expect(answerHint({ ...base, phrases: [], digits: { minLength: 2, maxLength: 2 } })).toEqual({ kind: 'digits', min: 2, max: 2 });
    expect(answerHint({ ...base, phrases: [], numbers: { min: 0, max: 3 } })).toEqual({ kind: 'number', min: 0, max: 3 });
    expect(answerHint({ ...base, phrases: ['yes'] })).toBeNull();
  });
});

describe('run inputs from settings', () => {
  it("take the environment's values over the flow's defaults, but never a secret or a field the tester changed", () => {
    const defaults = { wmsUrl: 'http://127.0.0.1:4010', apiKey: '', operatorId: '' };
    const current = { ...defaults, operatorId: '427' };
    const next = withSettings(current, defaults, [
      { name: 'wmsUrl', value: 'http://127.0.0.1:5123' },
      { name: 'apiKey', secret: true, value: { secret: true, set: true } },
      { name: 'operatorId', value: '999' },
    ]);
    expect(next).toEqual({ wmsUrl: 'http://127.0.0.1:5123', apiKey: '', operatorId: '427' });
  });
});
