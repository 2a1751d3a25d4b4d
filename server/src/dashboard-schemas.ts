/** The dashboard routes' JSON Schemas (plain data: api-types.ts derives the designer's types from them). */
import { processKey, siteId } from './schemas.js';

export const period = {
  from: { type: 'string', format: 'date-time', description: 'start of the period (inclusive), ISO 8601' },
  to: { type: 'string', format: 'date-time', description: 'end of the period (exclusive), ISO 8601' },
} as const;
const rateSchema = { type: ['number', 'null'], description: 'null when nothing was counted' } as const;
const FIGURE_KEYS = ['sessions', 'sessionsPerHour', 'completed', 'failed', 'completionRate', 'meanTaskMs', 'answers', 'noMatches', 'repeats',
  'noMatchRate', 'repeatRate', 'wmsRequests', 'wmsErrors', 'wmsErrorRate'] as const;
const figures = {
  sessions: { type: 'integer', description: 'sessions that started in the bucket' },
  sessionsPerHour: { type: 'number' },
  completed: { type: 'integer', description: 'of them, ended done' },
  failed: { type: 'integer', description: 'of them, ended in error' },
  completionRate: { ...rateSchema, description: 'completed / (completed + failed)' },
  meanTaskMs: { ...rateSchema, description: 'mean start-to-end time of the completed sessions' },
  answers: { type: 'integer', description: 'hypothesis events (recognised utterances)' },
  noMatches: { type: 'integer' },
  repeats: { type: 'integer', description: 'answers that were the word "repeat"' },
  noMatchRate: rateSchema,
  repeatRate: rateSchema,
  wmsRequests: { type: 'integer', description: 'WMS request attempts' },
  wmsErrors: { type: 'integer' },
  wmsErrorRate: rateSchema,
} as const satisfies Record<(typeof FIGURE_KEYS)[number], unknown>;
const nodeFigures = {
  type: 'object',
  required: ['state', 'answers', 'noMatches', 'repeats', 'noMatchRate', 'repeatRate', 'promptToAnswerMs', 'answerToNextPromptMs'],
  properties: {
    state: { type: 'string', description: "the machine state's id (a node id of the flow; a subflow's nodes carry its prefix)" },
    answers: { type: 'integer' }, noMatches: { type: 'integer' }, repeats: { type: 'integer' },
    noMatchRate: rateSchema, repeatRate: rateSchema,
    promptToAnswerMs: { ...rateSchema, description: 'mean time from the prompt starting to the answer' },
    answerToNextPromptMs: { ...rateSchema, description: "mean time from an answer here (one that meant something) to the next prompt starting" },
  },
  additionalProperties: false,
} as const;

export const dashboardSummarySchema = {
  type: 'object',
  required: ['siteId', 'processKey', 'from', 'to', 'bucket', 'totals', 'buckets'],
  properties: {
    siteId: { type: 'string' }, processKey: { type: ['string', 'null'] }, from: { type: 'string' }, to: { type: 'string' }, bucket: { type: 'string', enum: ['hour', 'day'] },
    totals: { type: 'object', required: FIGURE_KEYS, properties: figures, additionalProperties: false },
    buckets: { type: 'array', items: { type: 'object', required: ['at', ...FIGURE_KEYS], properties: { at: { type: 'string' }, ...figures }, additionalProperties: false } },
  },
  additionalProperties: false,
} as const;

export const dashboardNodesSchema = {
  type: 'object',
  required: ['processKey', 'siteId', 'from', 'to', 'nodes'],
  properties: { processKey: { type: 'string' }, siteId: { type: ['string', 'null'] }, from: { type: 'string' }, to: { type: 'string' }, nodes: { type: 'array', items: nodeFigures } },
  additionalProperties: false,
} as const;

export const summaryQuery = {
  type: 'object', additionalProperties: false, required: ['siteId', 'from', 'to'],
  properties: { siteId, processKey, ...period, bucket: { type: 'string', enum: ['hour', 'day'], default: 'hour' } },
} as const;
export const nodesQuery = { type: 'object', additionalProperties: false, required: ['processKey', 'from', 'to'], properties: { processKey, siteId, ...period } } as const;
