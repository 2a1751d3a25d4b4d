import { createDialog, createScriptedHost, loadMachine } from '@voiceman/runtime';
import { describe, expect, it } from 'vitest';
import { compileFlow, type FlowGraph } from '../src/index.js';
import { baseFlow } from './helpers.js';

/** The base flow with ask1's noMatch edge led back into ask1, after one failed attempt. */
function retryOnNoMatch(): FlowGraph {
  const flow = baseFlow();
  flow.edges.find((e) => e.id === 'e4')!.target = 'ask1';
  const ask = flow.nodes.find((n) => n.id === 'ask1')!;
  if (ask.kind === 'ask') ask.data.noMatch = { reprompts: [{ en: 'Say ready.' }], maxAttempts: 2 };
  return flow;
}

describe('an edge from an ask back to itself', () => {
  it('compiles clean to a re-entering transition, and only that transition re-enters', () => {
    const result = compileFlow(retryOnNoMatch());
    expect(result.diagnostics).toEqual([]);
    const on = result.machine!.states.ask1!.on!;
    expect(on.NOMATCH).toEqual({ target: '#ask1', reenter: true });
    expect(on['ANSWER.ready']).toEqual({ target: '#end1' });
    expect(on.NOINPUT).toEqual({ target: '#end1' });
  });

  it('runs in the runtime: after the no-match attempts the ask starts over and speaks its prompt again', async () => {
    const { machine } = compileFlow(retryOnNoMatch());
    const host = createScriptedHost({ listen: ['banana', 'banana', 'banana', 'ready'] });
    const dialog = createDialog(loadMachine(machine!), host, { sessionId: 's', terminalId: 't', versionHash: 'v' });
    await dialog.start();
    const result = await dialog.done;
    expect(result).toMatchObject({ status: 'done', stateId: 'end1' });
    // Two misses use up the ask (prompt, reprompt + prompt); re-entered, it starts from the
    // prompt with fresh counters: the third miss is a first reprompt again.
    expect(host.spoken.map((s) => s.text)).toEqual(['Ready?', 'Say ready.', 'Ready?', 'Ready?', 'Say ready.', 'Ready?', 'Bye.']);
    const reentry = host.events.filter((e) => e.type === 'transition' && e.data.from === 'ask1' && e.data.to === 'ask1');
    expect(reentry.map((e) => e.data.event)).toEqual(['NOMATCH']);
  });

  it('a subflow leading back into itself runs the callee again from its start', async () => {
    const callee = baseFlow();
    callee.process.key = 'callee';
    const caller = baseFlow();
    caller.nodes.push({ id: 'sub', kind: 'subflow', position: { x: 0, y: 0 }, data: { processKey: 'callee', inputs: {}, outputs: {} } });
    caller.edges.find((e) => e.id === 'e2')!.target = 'sub';
    caller.edges.push({ id: 'e9', source: 'sub', outcome: 'done', target: 'sub' });
    const result = compileFlow(caller, { resolveProcess: (k) => (k === 'callee' ? callee : undefined) });
    expect(result.diagnostics).toEqual([]);
    const host = createScriptedHost({ listen: ['ready', 'ready'] });
    const dialog = createDialog(loadMachine(result.machine!), host, { sessionId: 's', terminalId: 't', versionHash: 'v' });
    await dialog.start();
    expect(await host.blocked()).toBe('listen');
    await dialog.stop();
    // caller's ask, the callee's ask and its end, then the callee's ask once more
    expect(host.spoken.map((s) => s.text)).toEqual(['Ready?', 'Ready?', 'Bye.', 'Ready?']);
    expect(dialog.state().stateId).toBe('sub/ask1');
  });
});
