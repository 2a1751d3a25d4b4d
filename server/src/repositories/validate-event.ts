import type { DialogEventType, DialogResult, JsonValue } from '@voiceman/runtime';
import type { IncomingEvent } from './events.js';
import { badString, jsonProblem, scrubJson } from '../guards/text.js';

/** Every `DialogEventType` of the runtime: a type added or removed there fails to compile here. */
const TYPES = {
  'session.start': true, 'session.resume': true, 'session.end': true, prompt: true, hypothesis: true, silence: true, nomatch: true,
  transition: true, variable: true, 'wms.request': true, 'wms.response': true, 'wms.error': true, error: true,
} as const satisfies Record<DialogEventType, true>;
export const EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(TYPES));
const isEventType = (t: unknown): t is DialogEventType => typeof t === 'string' && EVENT_TYPES.has(t);

/** `session.end` data.status of the runtime's `DialogResult`: done/error/switched end a session, stopped pauses it. */
const STATUSES = { done: true, error: true, stopped: true, switched: true } as const satisfies Record<DialogResult['status'], true>;
export const END_STATUSES: ReadonlySet<string> = new Set(Object.keys(STATUSES));

/** session.end data.outcome: the end node's outcome, named as the flow format names outcomes. */
const OUTCOME_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EARLIEST = Date.UTC(2000, 0, 1);
const MAX_TEXT = 200;
/** The longest session id: ingest and the timeline page (`/history/sessions/:sessionId`) share it. */
export const MAX_SESSION_ID = MAX_TEXT;
/** Text fields that identify an event: refused when PostgreSQL cannot store them as sent (NUL, lone surrogate). */
const IDENTITY = ['sessionId', 'terminalId', 'operatorId', 'processKey', 'versionHash', 'state'] as const;

export type EventCheck = { ok: true; event: IncomingEvent } | { ok: false; id: string; code: string; message: string };

const isText = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** A refusal (a function outside checkEvent: a closure per call showed in the ingest profile). */
const refuse = (id: string, code: string, message: string): EventCheck => ({ ok: false, id, code, message });

/**
 * Checks one event of a batch on its own, so a bad event is rejected by name while the rest
 * of the batch is stored. `terminalId` must be the id of the terminal whose token sent it;
 * `earliest` (epoch ms) is where the retention window starts.
 */
export function checkEvent(raw: unknown, terminalId: string, now = Date.now(), earliest?: number): EventCheck {
  const e = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const id = typeof e.id === 'string' ? e.id : '';
  if (!UUID.test(id)) return refuse(id, 'invalid_event', 'id must be a uuid');
  if (!isText(e.sessionId)) return refuse(id, 'invalid_event', `sessionId must be a string of 1..${MAX_TEXT} characters`);
  if (!Number.isSafeInteger(e.seq) || (e.seq as number) < 0 || (e.seq as number) > 2_147_483_647) return refuse(id, 'invalid_event', 'seq must be a non-negative integer');
  if (typeof e.ts !== 'number' || !Number.isFinite(e.ts)) return refuse(id, 'invalid_event', 'ts must be epoch milliseconds');
  if (e.ts < EARLIEST || e.ts > now + 24 * 3600_000) return refuse(id, 'invalid_timestamp', 'ts is before 2000 or more than a day in the future');
  if (earliest !== undefined && e.ts < earliest) return refuse(id, 'expired', `ts is before ${new Date(earliest).toISOString()}, older than the retention keeps`);
  if (!isText(e.terminalId)) return refuse(id, 'invalid_event', 'terminalId must be a string');
  if (e.terminalId !== terminalId) return refuse(id, 'wrong_terminal', 'terminalId is not the terminal of this token');
  if (e.operatorId !== null && !isText(e.operatorId)) return refuse(id, 'invalid_event', 'operatorId must be a string or null');
  if (!isText(e.processKey)) return refuse(id, 'invalid_event', 'processKey must be a string');
  if (!isText(e.versionHash)) return refuse(id, 'invalid_event', 'versionHash must be a string');
  if (!isEventType(e.type)) return refuse(id, 'invalid_event', `type must be one of ${[...EVENT_TYPES].join(', ')}`);
  if (e.state !== null && !isText(e.state)) return refuse(id, 'invalid_event', 'state must be a string or null');
  if (typeof e.data !== 'object' || e.data === null || Array.isArray(e.data)) return refuse(id, 'invalid_event', 'data must be an object');
  for (const field of IDENTITY) {
    const why = typeof e[field] === 'string' ? badString(e[field]) : undefined;
    if (why) return refuse(id, 'invalid_event', `${field} ${why}`);
  }
  const problem = jsonProblem(e.data);
  if (problem?.kind === 'depth') return refuse(id, 'invalid_event', `data${problem.message}`);
  // Free text the terminal recorded (what was heard, what the WMS answered) keeps its event:
  // a NUL or lone surrogate in it becomes U+FFFD rather than losing the event.
  const data = (problem ? scrubJson(e.data) : e.data) as { [key: string]: JsonValue };
  if (e.type === 'session.end' && !(typeof data.status === 'string' && END_STATUSES.has(data.status))) {
    return refuse(id, 'invalid_event', `session.end data.status must be one of ${[...END_STATUSES].join(', ')}`);
  }
  if (e.type === 'session.end' && data.outcome !== undefined && !(typeof data.outcome === 'string' && OUTCOME_NAME.test(data.outcome))) {
    return refuse(id, 'invalid_event', 'session.end data.outcome must be an outcome name (a letter or _, then letters, digits, _ or -; at most 64)');
  }
  return {
    ok: true,
    event: {
      id: id.toLowerCase(),
      sessionId: e.sessionId,
      seq: e.seq as number,
      ts: e.ts,
      terminalId: e.terminalId,
      operatorId: e.operatorId as string | null,
      processKey: e.processKey,
      versionHash: e.versionHash,
      type: e.type,
      state: e.state as string | null,
      data,
    },
  };
}
