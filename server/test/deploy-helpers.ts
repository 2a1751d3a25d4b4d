import { randomUUID } from 'node:crypto';
import type { VoicemanApp } from '../src/build.js';
import type { SchedulerClock } from '../src/scenarios/nightly.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** An API caller with a cookie: answers status and JSON. */
export function caller(app: VoicemanApp, cookie: string) {
  return async (method: Method, url: string, payload?: unknown) => {
    const res = await app.inject({ method, url, headers: { cookie }, ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: res.statusCode, body: res.body ? res.json() : undefined };
  };
}

/**
 * Creates `key` (if new) and publishes one version per note, its end node saying the note (so
 * each compiles to another machine, another hash); answers their numbers.
 */
export async function publishVersions(app: VoicemanApp, cookie: string, key: string, notes: string[]): Promise<number[]> {
  const call = caller(app, cookie);
  await call('POST', '/api/processes', { key, name: key });
  const numbers: number[] = [];
  for (const note of notes) {
    const { revision, graph } = (await call('GET', `/api/processes/${key}`)).body as { revision: number; graph: { nodes: { kind: string; data: Record<string, unknown> }[] } };
    const end = graph.nodes.find((n) => n.kind === 'end');
    if (!end) throw new Error(`${key} has no end node`);
    end.data.text = { en: note };
    const saved = await call('PUT', `/api/processes/${key}/draft`, { graph, revision });
    if (saved.status !== 200) throw new Error(`save ${key}: ${JSON.stringify(saved.body)}`);
    const v = await call('POST', `/api/processes/${key}/versions`, { revision: saved.body.revision, note });
    if (v.status !== 201) throw new Error(`publish ${key}: ${JSON.stringify(v.body)}`);
    numbers.push(v.body.number);
  }
  return numbers;
}

/** A terminal of `siteId` and its bearer header. */
export async function terminalAt(app: VoicemanApp, cookie: string, siteId: string, name = `t-${randomUUID().slice(0, 8)}`) {
  const t = (await caller(app, cookie)('POST', '/api/terminals', { siteId, name })).body as { id: string; token: string };
  return { id: t.id, auth: { authorization: `Bearer ${t.token}` } };
}

/** What a terminal is served of `processKey` (undefined: nothing), as the terminal fetches it. */
export async function served(app: VoicemanApp, auth: Record<string, string>, processKey: string, operatorId?: string) {
  const res = await app.inject({ url: `/api/terminal/v1/machines${operatorId ? `?operatorId=${operatorId}` : ''}`, headers: auth });
  if (res.statusCode !== 200) throw new Error(`machines: ${res.statusCode} ${res.body}`);
  return (res.json().processes as { processKey: string; versionNumber: number; hash: string }[]).find((x) => x.processKey === processKey);
}
export const servedVersion = async (...args: Parameters<typeof served>) => (await served(...args))?.versionNumber;

/** A clock the test moves ahead of the real one: `advance(ms)` runs the timers that fall due. */
export function manualClock() {
  let offset = 0;
  const now = () => Date.now() + offset;
  let timers: { at: number; fn: () => void }[] = [];
  const clock: SchedulerClock & { advance(ms: number): void } = {
    now,
    setTimer(fn, ms) {
      const t = { at: now() + ms, fn };
      timers.push(t);
      return () => void (timers = timers.filter((x) => x !== t));
    },
    advance(ms) {
      offset += ms;
      const due = timers.filter((t) => t.at <= now());
      timers = timers.filter((t) => t.at > now());
      for (const t of due) t.fn();
    },
  };
  return clock;
}
