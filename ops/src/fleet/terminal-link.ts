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
import { httpClient, type HttpAnswer } from './http.js';

export interface PostSample {
  /** Wall time of the POST as the terminal saw it, ms. */
  ms: number;
  /** HTTP status; 0: no connection (refused); 1: the connection was lost or timed out mid-request. */
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
  /**
   * Rules already parsed, by ETag, shared by the links of one process: a terminal parses its
   * rules once, so a generator process parses each ETag's ~100 KB of JSON once, not per terminal.
   */
  rulesByEtag?: Map<string, Rules['processes']>;
}

export interface TerminalLink {
  enqueue(event: DialogEvent): void;
  /**
   * Sends a batch from the head of the queue, and batch after batch while a full one is left
   * (a backlog drains at once, one request at a time); true when every answer was 200.
   */
  flush(): Promise<boolean>;
  pending(): number;
  /** The rules; `undefined` when the server cannot be reached (the terminal keeps its cache). */
  fetchRules(): Promise<Rules | undefined>;
  /** How the last rules fetch ended: its HTTP status, or the network error's code (a stalled fleet start says why). */
  rulesOutcome(): string;
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
  let rulesOutcome = 'not asked';
  const auth = { authorization: `Bearer ${options.token}` };

  const http = httpClient();
  async function call(method: string, path: string, headers: Record<string, string>, body?: string): Promise<HttpAnswer> {
    try {
      return await http(method, `${options.servers[server]}${path}`, { ...auth, ...headers }, body, timeoutMs);
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
      const res = await call('POST', '/api/terminal/v1/events', { 'content-type': 'application/json' }, JSON.stringify({ events: batch }));
      sample.status = res.status;
      if (res.status !== 200) return false;
      const answer = JSON.parse(res.text) as IngestAnswer;
      const done = new Set([...answer.stored, ...answer.duplicates, ...answer.rejected.map((r) => r.id)]);
      queue = queue.filter((e) => !done.has(e.id));
      Object.assign(sample, { stored: answer.stored.length, duplicates: answer.duplicates.length, rejected: answer.rejected.length });
      options.onAck?.([...answer.stored, ...answer.duplicates]);
      return true;
    } catch (err) {
      sample.status = (err as { code?: string }).code === 'ECONNREFUSED' ? 0 : 1;
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
      const drain = async () => {
        let ok = await send();
        while (ok && queue.length >= maxBatch) ok = await send();
        return ok;
      };
      sending ??= drain().finally(() => {
        sending = undefined;
      });
      return sending;
    },
    pending: () => queue.length,
    async fetchRules() {
      try {
        // As the terminal's WebView does: the full rules are ~100 KB of JSON, ~8 KB compressed.
        rulesOutcome = 'waiting';
        const res = await call('GET', '/api/terminal/v1/machines', { 'accept-encoding': 'br, gzip', ...(rules ? { 'if-none-match': rules.etag } : {}) });
        rulesOutcome = String(res.status);
        if (res.status !== 200) return rules;
        const etag = String(res.headers.etag ?? '');
        let processes = etag ? options.rulesByEtag?.get(etag) : undefined;
        if (!processes) {
          processes = (JSON.parse(res.text) as { processes: Rules['processes'] }).processes;
          if (etag) options.rulesByEtag?.set(etag, processes);
        }
        rules = { etag, processes };
        return rules;
      } catch (err) {
        rulesOutcome = (err as { code?: string }).code ?? (err as Error).message;
        return rules;
      }
    },
    rulesOutcome: () => rulesOutcome,
  };
}

/**
 * The rules' entry for `processKey`, fetched until the server has it. Without it a terminal asks
 * again after 1 s, doubling up to 30 s (with jitter), as a device does: a fleet starting against
 * a slow server must not turn into a retry storm. Undefined once `keepTrying` says stop.
 */
export async function processFromRules(link: TerminalLink, processKey: string, keepTrying: () => boolean): Promise<Rules['processes'][number] | undefined> {
  let retryMs = 1000;
  while (keepTrying()) {
    const process = (await link.fetchRules())?.processes.find((p) => p.processKey === processKey);
    if (process) return process;
    await new Promise((r) => setTimeout(r, retryMs * (0.5 + Math.random())));
    retryMs = Math.min(30_000, retryMs * 2);
  }
  return undefined;
}
