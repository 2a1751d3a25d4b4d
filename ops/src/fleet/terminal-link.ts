/**
 * A terminal's link to the server: the queue its dialog events wait in, the batch sender, and
 * the rules fetch with ETag. This is the one module to replace with the terminal's own queue
 * and sender (android-shell/web) once that exists: the simulated terminal uses only
 * `enqueue`, `flush`, `pending`, `fetchRules` and the `onPost` samples.
 *
 * Contract kept here, as a terminal must: an event leaves the queue only when the server named
 * it (stored, duplicate, or rejected: a rejected event can never be stored, retrying it is
 * useless); on a network error or a non-200 answer the batch stays and is sent again; one
 * request at a time, at most `maxBatch` events each, so a long backlog drains in bounded steps.
 */
import type { DialogEvent } from '@voiceman/runtime';

export interface PostSample {
  /** Wall time of the POST as the terminal saw it, ms. */
  ms: number;
  /** HTTP status, or 0 for a network error / timeout. */
  status: number;
  events: number;
  stored: number;
  duplicates: number;
  rejected: number;
  /** When the request started (epoch ms). */
  at: number;
}

export interface Rules {
  etag: string;
  processes: { processKey: string; versionNumber: number; hash: string; machine: unknown }[];
}

export interface LinkOptions {
  /** Servers to talk to; on a network error the link moves to the next one. */
  servers: string[];
  token: string;
  maxBatch?: number;
  timeoutMs?: number;
  onPost?: (sample: PostSample) => void;
  /** Called with the ids the server acknowledged (stored or duplicate). */
  onAck?: (ids: string[]) => void;
}

export interface TerminalLink {
  enqueue(event: DialogEvent): void;
  /** Sends one batch from the head of the queue; true when the server answered 200. */
  flush(): Promise<boolean>;
  pending(): number;
  /** The rules; `undefined` when the server cannot be reached (the terminal keeps its cache). */
  fetchRules(): Promise<Rules | undefined>;
}

interface IngestAnswer {
  stored: string[];
  duplicates: string[];
  rejected: { id: string }[];
}

export function createTerminalLink(options: LinkOptions): TerminalLink {
  const maxBatch = options.maxBatch ?? 500;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let queue: DialogEvent[] = [];
  let sending: Promise<boolean> | undefined;
  let server = 0;
  let rules: Rules | undefined;
  const auth = { authorization: `Bearer ${options.token}` };

  async function call(path: string, init: RequestInit): Promise<Response> {
    const url = `${options.servers[server]}${path}`;
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      server = (server + 1) % options.servers.length;
      throw err;
    }
  }

  async function send(): Promise<boolean> {
    const batch = queue.slice(0, maxBatch);
    if (batch.length === 0) return true;
    const at = Date.now();
    const start = performance.now();
    const sample = { at, status: 0, events: batch.length, stored: 0, duplicates: 0, rejected: 0 };
    try {
      const res = await call('/api/terminal/v1/events', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ events: batch }),
      });
      const text = await res.text();
      sample.status = res.status;
      if (res.status !== 200) return false;
      const answer = JSON.parse(text) as IngestAnswer;
      const done = new Set([...answer.stored, ...answer.duplicates, ...answer.rejected.map((r) => r.id)]);
      queue = queue.filter((e) => !done.has(e.id));
      Object.assign(sample, { stored: answer.stored.length, duplicates: answer.duplicates.length, rejected: answer.rejected.length });
      options.onAck?.([...answer.stored, ...answer.duplicates]);
      return true;
    } catch {
      return false;
    } finally {
      options.onPost?.({ ...sample, ms: performance.now() - start });
    }
  }

  return {
    enqueue(event) {
      queue.push(event);
    },
    flush() {
      sending ??= send().finally(() => {
        sending = undefined;
      });
      return sending;
    },
    pending: () => queue.length,
    async fetchRules() {
      try {
        const res = await call('/api/terminal/v1/machines', { headers: rules ? { ...auth, 'if-none-match': rules.etag } : auth });
        if (res.status === 304 && rules) {
          await res.arrayBuffer();
          return rules;
        }
        if (res.status !== 200) {
          await res.arrayBuffer();
          return rules;
        }
        const body = (await res.json()) as { processes: Rules['processes'] };
        rules = { etag: res.headers.get('etag') ?? '', processes: body.processes };
        return rules;
      } catch {
        return rules;
      }
    },
  };
}
