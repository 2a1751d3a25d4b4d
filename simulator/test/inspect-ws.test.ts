import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { createSimulation } from '@voiceman/simulator';
import { connectWebSocketInspector } from '../src/inspect-ws.js';
import { assignment, base, pick } from './machines.js';

let server: WebSocketServer | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function until<T>(check: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out waiting for inspection messages');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('WebSocket inspection', () => {
  it('a WebSocket receiver gets the inspection events of a simulated dialog', async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server!.once('listening', () => resolve()));
    const messages: { type: string; sessionId: string; event?: { type: string }; snapshot?: { value?: unknown }; definition?: string }[] = [];
    server.on('connection', (socket) => socket.on('message', (data) => messages.push(JSON.parse(String(data)))));
    const machine = pick();
    const ws = connectWebSocketInspector(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { machine });
    const sim = createSimulation({ machine, ...base, sessionId: 'sim-ws-1', inspect: ws.inspect, stubs: { getAssignment: [{ status: 200, body: assignment }] } });
    await sim.start();
    await sim.send({ kind: 'speech', text: 'one two three' });
    await sim.send({ kind: 'speech', text: 'yes' });

    const actor = await until(() => messages.find((m) => m.type === '@xstate.actor'));
    expect(actor.sessionId).toBe('sim-ws-1');
    expect(JSON.parse(actor.definition!)).toMatchObject({ id: 'case-pick', initial: 'welcome' });
    const answered = await until(() => messages.find((m) => m.type === '@xstate.event' && m.event?.type === 'ANSWER.id'));
    expect(answered.sessionId).toBe('sim-ws-1');
    await until(() => messages.find((m) => m.type === '@xstate.snapshot' && JSON.stringify(m.snapshot?.value) === '"slot"'));
    ws.stop();
    sim.dispose();
  });

  it('refuses a URL that is not a WebSocket URL', () => {
    expect(() => connectWebSocketInspector('http://127.0.0.1:1')).toThrow('not a WebSocket URL');
    expect(() => connectWebSocketInspector('nonsense')).toThrow('not a WebSocket URL');
  });
});
