/**
 * One dialog session as a terminal runs it, for tests that need real logged events: the real
 * runtime on the machine the terminal API delivered, WMS calls over HTTP (to the server's mock
 * WMS), on a virtual clock ten minutes back so the events are in the past.
 */
import { randomUUID } from 'node:crypto';
import { createDialog, createScriptedHost, createVirtualClock, loadMachine, type DialogEvent, type DialogOptions, type JsonValue, type ScriptedListen } from '@voiceman/runtime';

export interface Delivered { processKey: string; hash: string; machine: unknown; input: Record<string, JsonValue>; settings: DialogOptions['settings']; secrets: string[] }

export async function runSession(p: Delivered, terminalId: string, answers: ScriptedListen[]): Promise<DialogEvent[]> {
  const host = createScriptedHost({ listen: answers, clock: createVirtualClock(Date.now() - 600_000) });
  host.randomUUID = randomUUID;
  host.request = async (r) => {
    const json = r.body !== undefined;
    const res = await fetch(r.url, { method: r.method, headers: { accept: 'application/json', ...(json ? { 'content-type': 'application/json' } : {}), ...r.headers }, ...(json ? { body: JSON.stringify(r.body) } : {}) });
    const text = await res.text();
    return { status: res.status, headers: {}, body: text ? (JSON.parse(text) as JsonValue) : null };
  };
  const dialog = createDialog(loadMachine(p.machine as never), host, { sessionId: `e2e-${randomUUID()}`, terminalId, versionHash: p.hash, input: p.input, settings: p.settings, secrets: p.secrets, language: 'en', operatorId: 'op-427' });
  await dialog.start();
  await Promise.race([dialog.done, host.blocked()]);
  return host.events;
}
