import type { JsonValue } from './format.js';

export type DialogEventType =
  | 'session.start'  // data: { language, processKey, switchedFrom?: { sessionId, versionHash, stateId, mapped } }
  | 'session.resume' // data: { seq }
  | 'session.end'    // data: { status: 'done'|'error'|'stopped'|'switched', result?, outcome?, error? }
  | 'prompt'       // data: { text, language, reason: 'prompt'|'reprompt'|'help'|'repeat'|'say'|'confirm'|'wrong' }
  | 'hypothesis'   // data: { text, confidence, alternatives?, matched?: outcome|global|'repeat'|'help'|null, bargeIn?: true (it stopped the prompt) }
  | 'silence'      // data: { attempt }
  | 'nomatch'      // data: { text?, confidence?, attempt }
  | 'transition'   // data: { from, to, event }
  | 'variable'     // data: { scope, name, value, previous }
  | 'wms.request'  // data: { method, url, body?, attempt }
  | 'wms.response' // data: { status, body, ms }
  | 'wms.error'    // data: { message, status?, ms }
  | 'error';       // data: { message, code } (code 'switch.variable' adds scope, name)

/** One step of a dialog, as stored by the server (id and (sessionId, seq) are unique). */
export interface DialogEvent {
  id: string;
  sessionId: string;
  seq: number;
  /** Epoch milliseconds from the host clock. */
  ts: number;
  terminalId: string;
  operatorId: string | null;
  processKey: string;
  versionHash: string;
  type: DialogEventType;
  /** Id of the state the event happened in. */
  state: string | null;
  data: { [key: string]: JsonValue };
}
