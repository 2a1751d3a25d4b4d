/** The replay routes of docs/api.md, typed (the shapes are the server's `api-types`). */
import type { LoggedSessionSteps, ReplayComparison, ReplayReport } from '@voiceman/server/api-types';
import type { ReplayStep } from '@voiceman/simulator';
import { call } from '../api/client.js';
import type { ReplayRequest } from './filters.js';

export type { ReplayReport, ReplayStep };
export type Comparison = ReplayComparison<ReplayStep>;
export type SessionSteps = LoggedSessionSteps<ReplayStep>;

const enc = encodeURIComponent;

export const replayApi = {
  start: (body: ReplayRequest) => call<{ id: string }>('POST', '/api/replays', body),
  get: (id: string) => call<ReplayReport>('GET', `/api/replays/${enc(id)}`),
  comparison: (id: string, sessionId: string) => call<Comparison>('GET', `/api/replays/${enc(id)}/sessions/${enc(sessionId)}`),
  sessionSteps: (sessionId: string) => call<SessionSteps>('GET', `/api/sessions/${enc(sessionId)}/steps`),
};
export type ReplayApi = typeof replayApi;
