/**
 * The replay routes' JSON Schemas (plain data: the routes validate and serialize with them,
 * /docs shows them, api-types.ts derives the designer's types from them).
 */
import { positiveInt, processKey, siteId } from '../schemas.js';

/** Sessions one replay takes at most, and when the request names no limit. */
export const MAX_REPLAY_SESSIONS = 5000;
export const DEFAULT_REPLAY_LIMIT = 500;
/** How a picked session ended: done (completed), error, open (still running or paused). */
export const REPLAY_OUTCOMES = ['done', 'error', 'open'] as const;

const target = { oneOf: [{ const: 'draft' }, positiveInt], description: "'draft' or a version number" } as const;
const verdict = { type: 'string', enum: ['same', 'diverged', 'inconclusive'] } as const;
const dateTime = { type: 'string', maxLength: 40, description: 'ISO date or date-time, UTC when it names no zone' } as const;
const outcome = { type: 'string', enum: REPLAY_OUTCOMES, description: 'done: completed; error; open: still running or paused' } as const;

/** `POST /api/replays`. */
export const createReplayBody = {
  type: 'object', required: ['filter', 'target'], additionalProperties: false,
  properties: {
    filter: {
      type: 'object', required: ['processKey'], additionalProperties: false,
      properties: {
        processKey, siteId, version: positiveInt, from: dateTime, to: dateTime, outcome,
        limit: { type: 'integer', minimum: 1, maximum: MAX_REPLAY_SESSIONS, default: DEFAULT_REPLAY_LIMIT },
      },
    },
    target,
  },
} as const;

/** What the outcome of one replayed session says (the simulator's ReplayOutcome). */
const outcomeProps = {
  verdict,
  step: { type: 'integer', description: 'the step where it diverged, or where the replay could not go on' },
  reason: { type: 'string', description: 'why it diverged (what differs) or why it is inconclusive' },
  expected: { type: 'string', description: "the original's side of the first difference, in words" },
  actual: { type: 'string', description: 'the replayed side' },
} as const;

export const sessionVerdict = {
  type: 'object',
  required: ['sessionId', 'siteId', 'version', 'versionHash', 'startedAt', 'verdict'],
  properties: {
    sessionId: { type: 'string' }, siteId: { type: 'string' }, version: { type: ['integer', 'null'] }, versionHash: { type: 'string' }, startedAt: { type: 'string' },
    endOutcome: { type: ['string', 'null'], description: "how the logged dialog ended, as its process names it (the end node's outcome)" },
    ...outcomeProps,
  },
  additionalProperties: false,
} as const;

/** `GET /api/replays/:id`. */
export const replayReport = {
  type: 'object',
  required: ['id', 'processKey', 'target', 'versionHash', 'status', 'filter', 'total', 'done', 'totals', 'sessions', 'startedAt', 'finishedAt'],
  properties: {
    id: { type: 'string' }, processKey: { type: 'string' }, target, versionHash: { type: 'string' },
    status: { type: 'string', enum: ['running', 'done', 'failed'] }, error: { type: 'string' },
    filter: {
      type: 'object', description: 'The sessions it picked: the request\'s filter, `from`/`to` as UTC date-times, `limit` filled in',
      required: ['processKey', 'limit'],
      properties: {
        processKey: { type: 'string' }, siteId: { type: 'string' }, version: { type: 'integer' },
        from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' }, outcome, limit: { type: 'integer' },
      },
      additionalProperties: false,
    },
    total: { type: 'integer' }, done: { type: 'integer' },
    totals: {
      type: 'object', required: ['same', 'diverged', 'inconclusive'],
      properties: { same: { type: 'integer' }, diverged: { type: 'integer' }, inconclusive: { type: 'integer' } },
      additionalProperties: false,
    },
    sessions: { type: 'array', items: sessionVerdict },
    startedAt: { type: 'string' }, finishedAt: { type: ['string', 'null'] },
  },
  additionalProperties: false,
} as const;

/** The simulator's ReplayStep: what the dialog did after the operator's n-th input. */
export const replayStep = {
  type: 'object',
  description: 'What the dialog did after the operator\'s n-th input (0: from the start): prompts, states entered (`path`), WMS calls (`requests`), where it waits (`state`), its end.',
  required: ['step', 'prompts', 'path', 'state'],
  properties: {
    step: { type: 'integer' },
    input: {
      // One object, not a oneOf per kind: a response's oneOf makes the serializer validate each value, and throw on a shape it did not foresee.
      type: 'object', description: "what the operator did at the listen, as the recogniser reported it (speech: `text`, `confidence`, maybe `alternatives`)",
      required: ['kind'],
      properties: {
        kind: { type: 'string', enum: ['speech', 'silence'] }, text: { type: 'string' }, confidence: { type: 'number' },
        alternatives: { type: 'array', items: { type: 'object', required: ['text', 'confidence'], properties: { text: { type: 'string' }, confidence: { type: 'number' } }, additionalProperties: false } },
      },
      additionalProperties: false,
    },
    prompts: { type: 'array', items: { type: 'string' } },
    path: { type: 'array', items: { type: 'string' } },
    state: { type: ['string', 'null'] },
    requests: {
      type: 'array',
      items: {
        type: 'object', description: 'one WMS call (the URL without its origin)',
        required: ['node', 'method', 'path'],
        properties: {
          node: { type: ['string', 'null'] }, method: { type: 'string' }, path: { type: 'string' }, body: {},
          answer: { type: 'string', description: 'how it was answered: `200`, `HTTP 503`, `timeout after 5000 ms`, … (shown, not compared)' },
        },
        additionalProperties: false,
      },
    },
    end: { type: 'object', required: ['status'], properties: { status: { type: 'string' }, result: {} }, additionalProperties: false },
  },
  additionalProperties: false,
} as const;

/** `GET /api/sessions/:sessionId/steps`. */
export const loggedSessionSteps = {
  type: 'object',
  required: ['sessionId', 'processKey', 'siteId', 'versionHash', 'version', 'startedAt', 'outcome', 'endOutcome', 'steps'],
  properties: {
    sessionId: { type: 'string' }, processKey: { type: 'string' }, siteId: { type: 'string' }, versionHash: { type: 'string' },
    version: { type: ['integer', 'null'] }, startedAt: { type: 'string' }, outcome: { type: 'string' },
    endOutcome: { type: ['string', 'null'], description: "how the dialog ended, as its process names it (the end node's outcome); null when unnamed or not ended" },
    steps: { type: 'array', items: replayStep },
  },
  additionalProperties: false,
} as const;

/** `GET /api/replays/:id/sessions/:sessionId`. */
export const replayComparison = {
  type: 'object',
  required: ['original', 'replayed', 'divergedAt', 'verdict'],
  properties: {
    original: { type: 'array', items: replayStep }, replayed: { type: 'array', items: replayStep },
    divergedAt: { type: ['integer', 'null'], description: 'index into both step lists of the first difference, null when none' },
    ...outcomeProps,
  },
  additionalProperties: false,
} as const;
