/**
 * A terminal taking a new version at a switch point: two real compiled versions of one
 * process, the old dialog ending `switched`, the new one starting at that state (startAt).
 */
import { describe, expect, it } from 'vitest';
import { compileFlow, type FlowGraph, type FlowNode } from '@voiceman/compiler';
import { createDialog, createScriptedHost, loadMachine, storageKey, type DialogOptions, type DialogResult, type ScriptedHost } from '../src/index.js';

const at = { x: 0, y: 0 };
const reprompt = { reprompts: [{ en: 'Again.' }], maxAttempts: 2 };

/** Quantity, then (picks + 1, "ok") "more or done?"; `prompt` tells the versions apart. */
function flow(version: string, change: (nodes: FlowNode[]) => FlowNode[] = (n) => n, qtyType: 'int' | 'string' = 'int'): FlowGraph {
  const nodes: FlowNode[] = [
    { id: 'start', kind: 'start', position: at, data: {} },
    { id: 'askQty', kind: 'ask', position: at, switchPoint: true, data: { prompt: { en: `Quantity? ${version}` }, outcomes: [{ name: 'qty', grammar: qtyType === 'int' ? { type: 'number', min: 1, max: 99 } : { type: 'digits', minLength: 1, maxLength: 2 } }], saveAs: 'qty', noInput: reprompt, noMatch: reprompt } },
    { id: 'count', kind: 'set', position: at, data: { assignments: [{ variable: 'picks', expr: 'picks + 1' }] } },
    { id: 'ok', kind: 'say', position: at, data: { text: { en: `ok ${version}` } } },
    { id: 'askMore', kind: 'ask', position: at, switchPoint: true, data: { prompt: { en: `More or done? ${version}` }, outcomes: [{ name: 'more', grammar: { type: 'phrases', phrases: { en: ['more'] } } }, { name: 'done', grammar: { type: 'phrases', phrases: { en: ['done'] } } }], noInput: reprompt, noMatch: reprompt } },
    { id: 'end', kind: 'end', position: at, data: { text: { en: `bye ${version}` }, result: '{"qty": qty, "picks": picks}' } },
  ];
  const edges = [
    ['start', 'next', 'askQty'], ['askQty', 'qty', 'count'], ['askQty', 'noInput', 'end'], ['askQty', 'noMatch', 'end'],
    ['count', 'next', 'ok'], ['ok', 'next', 'askMore'], ['askMore', 'more', 'askQty'], ['askMore', 'done', 'end'], ['askMore', 'noInput', 'end'], ['askMore', 'noMatch', 'end'],
  ];
  const graph: FlowGraph = {
    formatVersion: 1,
    process: { key: 'pick', name: 'Pick', languages: ['en'], globalWords: [], variables: [{ name: 'qty', type: qtyType, default: qtyType === 'int' ? 0 : '' }, { name: 'picks', type: 'int', default: 0 }] },
    nodes: change(nodes),
    edges: [],
  };
  const ids = new Set(graph.nodes.map((n) => n.id));
  graph.edges = edges.filter(([s, , t]) => ids.has(s!) && ids.has(t!)).map(([source, outcome, target], i) => ({ id: `e${i}`, source: source!, outcome: outcome!, target: target! }));
  if (!ids.has('askMore')) graph.edges.push({ id: 'e-ok', source: 'ok', outcome: 'next', target: 'end' });
  return graph;
}

function compiled(graph: FlowGraph) {
  const result = compileFlow(graph);
  expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true);
  return { machine: loadMachine(result.machine), hash: result.hash! };
}

const v1 = compiled(flow('v1'));
const v2 = compiled(flow('v2'));

async function runUntilSwitch(listen: string[], switchAt: string, extra: Partial<DialogOptions> = {}) {
  const host = createScriptedHost({ listen });
  const asked: string[] = [];
  const dialog = createDialog(v1.machine, host, {
    sessionId: 'old', terminalId: 't', versionHash: v1.hash,
    switchPoint: (id) => (asked.push(id), id === switchAt),
    ...extra,
  });
  await dialog.start();
  const result = await Promise.race([dialog.done, host.blocked().then((why): DialogResult => ({ status: 'error', stateId: `blocked on ${why}` }))]);
  return { host, result, asked };
}

async function continueOn(target: ReturnType<typeof compiled>, result: DialogResult, listen: string[]): Promise<{ host: ScriptedHost; result: DialogResult }> {
  const host = createScriptedHost({ listen });
  const dialog = createDialog(target.machine, host, {
    sessionId: 'new', terminalId: 't', versionHash: target.hash,
    startAt: { stateId: result.stateId, variables: result.variables!, switchedFrom: { sessionId: 'old', versionHash: v1.hash } },
  });
  await dialog.start();
  return { host, result: await dialog.done };
}

describe('switching versions at a switch point', () => {
  it('the old dialog stops before the state; the new version enters it by node id and keeps the variables', async () => {
    const old = await runUntilSwitch(['seven'], 'askMore');
    expect(old.result).toEqual({ status: 'switched', stateId: 'askMore', variables: { main: { qty: 7, picks: 1 } } });
    expect(old.asked).toEqual(['askQty', 'askMore']);
    // The jobs before the switch point ran ("ok"), the switch point's own did not.
    expect(old.host.spoken.map((s) => s.text)).toEqual(['Quantity? v1', 'ok v1']);
    expect(old.host.events.at(-1)).toMatchObject({ type: 'session.end', state: 'askMore', data: { status: 'switched' } });
    expect(old.host.storage.data.has(storageKey('old'))).toBe(false);

    const next = await continueOn(v2, old.result, ['done']);
    expect(next.result).toMatchObject({ status: 'done', result: { qty: 7, picks: 1 } });
    expect(next.host.spoken.map((s) => s.text)).toEqual(['More or done? v2', 'bye v2']);
    const start = next.host.events[0]!;
    expect(start).toMatchObject({ type: 'session.start', sessionId: 'new', state: 'askMore', versionHash: v2.hash });
    expect(start.data.switchedFrom).toEqual({ sessionId: 'old', versionHash: v1.hash, stateId: 'askMore', mapped: true });
    expect(next.host.events.filter((e) => e.type === 'error')).toEqual([]);
  });

  it('a switch point on a set node hands over the values from before it: its assignment runs once, in the new version', async () => {
    const marked = compiled(flow('v1', (nodes) => nodes.map((n) => (n.id === 'count' ? { ...n, switchPoint: true } : n))));
    const host = createScriptedHost({ listen: ['four'] });
    const dialog = createDialog(marked.machine, host, { sessionId: 'old', terminalId: 't', versionHash: marked.hash, switchPoint: (id) => id === 'count' });
    await dialog.start();
    const result = await dialog.done;
    expect(result).toMatchObject({ status: 'switched', stateId: 'count', variables: { main: { qty: 4, picks: 0 } } });
    expect(host.spoken.map((s) => s.text)).toEqual(['Quantity? v1']);
    const next = await continueOn(v2, result, ['done']);
    expect(next.result).toMatchObject({ status: 'done', result: { qty: 4, picks: 1 } });
    expect(next.host.spoken.map((s) => s.text)).toEqual(['ok v2', 'More or done? v2', 'bye v2']);
  });

  it('a switch point answered "no" changes nothing', async () => {
    const old = await runUntilSwitch(['seven', 'done'], 'nowhere');
    expect(old.result).toMatchObject({ status: 'done', result: { qty: 7, picks: 1 } });
    expect(old.asked).toEqual(['askQty', 'askMore']);
  });

  it('a switchPoint callback that throws keeps the old version and says so', async () => {
    const old = await runUntilSwitch(['two', 'done'], 'x', { switchPoint: () => { throw new Error('no network'); } });
    expect(old.result).toMatchObject({ status: 'done', result: { qty: 2, picks: 1 } });
    expect(old.host.events.filter((e) => e.type === 'error').map((e) => e.data.code)).toEqual(['switch.callback', 'switch.callback']);
  });

  it('a state the new version no longer has: starts from the beginning, variables kept, an error event says why', async () => {
    const old = await runUntilSwitch(['seven'], 'askMore');
    const without = compiled(flow('v3', (nodes) => nodes.filter((n) => n.id !== 'askMore')));
    const next = await continueOn(without, old.result, ['three']);
    expect(next.host.spoken.map((s) => s.text)).toEqual(['Quantity? v3', 'ok v3', 'bye v3']);
    expect(next.result).toMatchObject({ status: 'done', result: { qty: 3, picks: 2 } });
    expect(next.host.events[0]!.data.switchedFrom).toMatchObject({ stateId: 'askMore', mapped: false });
    expect(next.host.events.filter((e) => e.type === 'error').map((e) => [e.data.code, e.data.message])).toEqual([['switch.state', 'state "askMore" is not in this version: starting from the beginning']]);
  });

  it('a carried value of another type, or of a variable the version lacks, is dropped with an error event', async () => {
    const old = await runUntilSwitch(['seven'], 'askMore');
    const retyped = compiled(flow('v4', (n) => n, 'string'));
    const variables = { main: { ...old.result.variables!.main, gone: 1 }, 'ghost/scope': { x: 1 } };
    const next = await continueOn(retyped, { ...old.result, variables }, ['done']);
    expect(next.result).toMatchObject({ status: 'done', result: { qty: '', picks: 1 } });
    const errors = next.host.events.filter((e) => e.type === 'error').map((e) => [e.data.code, e.data.scope, e.data.name]);
    expect(errors).toEqual([
      ['switch.variable', 'main', 'qty'],
      ['switch.variable', 'main', 'gone'],
      ['switch.variable', 'ghost/scope', 'x'],
    ]);
    expect(next.host.events.find((e) => e.data.name === 'qty')!.data.message).toMatch(/main\.qty: expected string, got 7/);
  });

  it('a dropped secret is named, its value never shown', async () => {
    const old = await runUntilSwitch(['seven'], 'askMore');
    const retyped = compiled(flow('v5', (n) => n, 'string'));
    const host = createScriptedHost({ listen: ['done'] });
    const dialog = createDialog(retyped.machine, host, {
      sessionId: 'new', terminalId: 't', versionHash: retyped.hash, secrets: ['qty'],
      startAt: { stateId: 'askMore', variables: { main: { ...old.result.variables!.main, qty: 987654 } } },
    });
    await dialog.start();
    await dialog.done;
    const error = host.events.find((e) => e.data.code === 'switch.variable')!;
    expect(error.data).toMatchObject({ scope: 'main', name: 'qty' });
    expect(JSON.stringify(host.events)).not.toContain('987654');
  });

  it('a stored session of the new id resumes; startAt is not applied twice', async () => {
    const old = await runUntilSwitch(['seven'], 'askMore');
    const host = createScriptedHost({ listen: [] });
    const options = { sessionId: 'new', terminalId: 't', versionHash: v2.hash, startAt: { stateId: 'askMore', variables: old.result.variables! } };
    const first = createDialog(v2.machine, host, options);
    await first.start();
    await host.blocked();
    await first.stop();
    const again = createScriptedHost({ storage: host.storage, listen: ['done'] });
    const second = createDialog(v2.machine, again, options);
    await second.start();
    expect(await second.done).toMatchObject({ status: 'done', result: { qty: 7, picks: 1 } });
    expect(again.events[0]!.type).toBe('session.resume');
  });

  it('inside a subflow call: the new version enters the inner state; the call\'s entry (inputs) is not run again', async () => {
    const inner: FlowGraph = {
      formatVersion: 1,
      process: { key: 'inner', name: 'Inner', languages: ['en'], globalWords: [], variables: [{ name: 'n', type: 'int', default: 0, input: true, output: true }] },
      nodes: [
        { id: 'start', kind: 'start', position: at, data: {} },
        { id: 'check', kind: 'ask', position: at, switchPoint: true, data: { prompt: { en: 'Check {{ n }}?' }, outcomes: [{ name: 'yes', grammar: { type: 'yes' } }], noInput: reprompt, noMatch: reprompt } },
        { id: 'end', kind: 'end', position: at, data: {} },
      ],
      edges: [['start', 'next', 'check'], ['check', 'yes', 'end'], ['check', 'noInput', 'end'], ['check', 'noMatch', 'end']].map(([source, outcome, target], i) => ({ id: `i${i}`, source: source!, outcome: outcome!, target: target! })),
    };
    const outer = (version: string): FlowGraph => ({
      formatVersion: 1,
      process: { key: 'outer', name: 'Outer', languages: ['en'], globalWords: [], variables: [{ name: 'k', type: 'int', default: 5 }] },
      nodes: [
        { id: 'start', kind: 'start', position: at, data: {} },
        { id: 'call', kind: 'subflow', position: at, data: { processKey: 'inner', inputs: { n: 'k' }, outputs: { k: 'n' } } },
        { id: 'end', kind: 'end', position: at, data: { text: { en: `bye ${version}` }, result: 'k' } },
      ],
      edges: [{ id: 'o1', source: 'start', outcome: 'next', target: 'call' }, { id: 'o2', source: 'call', outcome: 'done', target: 'end' }],
    });
    const build = (version: string) => {
      const result = compileFlow(outer(version), { resolveProcess: (key) => (key === 'inner' ? inner : undefined) });
      expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true);
      return { machine: loadMachine(result.machine), hash: result.hash! };
    };
    const [a, b] = [build('a'), build('b')];
    const host = createScriptedHost({ listen: [] });
    const dialog = createDialog(a.machine, host, { sessionId: 'old', terminalId: 't', versionHash: a.hash, switchPoint: () => true });
    await dialog.start();
    const result = await dialog.done;
    expect(result).toEqual({ status: 'switched', stateId: 'call/check', variables: { main: { k: 5 }, call: { n: 5 } } });
    const next = await continueOn(b, { ...result, variables: { main: { k: 5 }, call: { n: 9 } } }, ['yes']);
    expect(next.host.spoken.map((s) => s.text)).toEqual(['Check 9?', 'bye b']);
    expect(next.result).toMatchObject({ status: 'done', result: 9 });
  });
});
