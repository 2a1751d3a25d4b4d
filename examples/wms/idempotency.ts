/**
 * `Idempotency-Key` on writes, as the Voiceman runtime sends it (docs/wms-integration.md): the
 * first request with a key is applied and its answer kept; a repeat with the same key and the
 * same method, path and body gets that stored answer again (header `Idempotent-Replayed: true`)
 * without being applied a second time; the same key with a different request is refused with
 * 422 `idempotency_key_reused`. A repeat that arrives while the first is still being handled
 * waits for it. Answers of 5xx are not kept (nothing was applied; a retry runs afresh).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const MAX_KEY_LENGTH = 255;
/** Keys kept at most (oldest dropped first) and for how long. */
const MAX_ENTRIES = 10_000;
const KEEP_MS = 24 * 60 * 60 * 1000;

interface StoredReply {
  status: number;
  contentType: string;
  payload: string;
}

interface Entry {
  fingerprint: string;
  at: number;
  /** Resolves with the stored answer, or null when the first attempt was not kept (5xx). */
  reply: Promise<StoredReply | null>;
  settled: StoredReply | null | undefined;
}

interface Pending {
  key: string;
  entry: Entry;
  resolve: (reply: StoredReply | null) => void;
}

const pendingOf = new WeakMap<FastifyRequest, Pending>();

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly now: () => number = Date.now) {}

  clear(): void {
    this.entries.clear();
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.at > KEEP_MS) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  open(key: string, fingerprint: string): Pending {
    let resolve!: (reply: StoredReply | null) => void;
    const entry: Entry = { fingerprint, at: this.now(), settled: undefined, reply: new Promise((r) => (resolve = r)) };
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return {
      key,
      entry,
      resolve: (reply) => {
        entry.settled = reply;
        if (reply === null && this.entries.get(key) === entry) this.entries.delete(key);
        resolve(reply);
      },
    };
  }
}

const fingerprintOf = (request: FastifyRequest) => `${request.method} ${request.url} ${JSON.stringify(request.body ?? null)}`;

function replay(reply: FastifyReply, stored: StoredReply): FastifyReply {
  return reply.status(stored.status).header('content-type', stored.contentType).header('idempotent-replayed', 'true').send(stored.payload);
}

export function idempotency(app: FastifyInstance, store: IdempotencyStore): void {
  app.addHook('preHandler', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined) return;
    const key = Array.isArray(header) ? header[0]! : header;
    if (key.length === 0 || key.length > MAX_KEY_LENGTH || /[^\x21-\x7e]/.test(key)) {
      return reply.status(400).send({ code: 'invalid_idempotency_key', message: `Idempotency-Key must be 1-${MAX_KEY_LENGTH} visible ASCII characters.` });
    }
    const fingerprint = fingerprintOf(request);
    for (;;) {
      const entry = store.get(key);
      if (!entry) break;
      if (entry.fingerprint !== fingerprint) {
        return reply.status(422).send({ code: 'idempotency_key_reused', message: 'This Idempotency-Key was already used for a different request.' });
      }
      const stored = entry.settled !== undefined ? entry.settled : await entry.reply;
      if (stored) return replay(reply, stored);
      // The first attempt failed without being kept: this one is applied as if it were first.
    }
    pendingOf.set(request, store.open(key, fingerprint));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const pending = pendingOf.get(request);
    if (!pending) return payload;
    pendingOf.delete(request);
    const status = reply.statusCode;
    const contentType = String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8');
    pending.resolve(status >= 500 || typeof payload !== 'string' ? null : { status, contentType, payload });
    return payload;
  });

  // A request that never got an answer (client gone before the handler finished) keeps nothing.
  app.addHook('onResponse', async (request) => {
    const pending = pendingOf.get(request);
    if (pending) {
      pendingOf.delete(request);
      pending.resolve(null);
    }
  });
}
